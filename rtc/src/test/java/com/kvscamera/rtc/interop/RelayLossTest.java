package com.kvscamera.rtc.interop;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.emulator.turn.CoturnProcess;
import com.kvscamera.emulator.turn.TurnCredentials;
import com.kvscamera.rtc.ice.IceAgent;
import com.kvscamera.rtc.ice.IceCandidate;
import com.kvscamera.rtc.ice.IceOptions;
import com.kvscamera.rtc.ice.IceServer;
import com.kvscamera.rtc.ice.IceState;
import com.kvscamera.rtc.net.PacketKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two of our agents, one relaying through coturn over TCP; when the TURN server goes away the session fails clearly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayLossTest {

    @Test
    void relayedSessionCarriesMediaAndFailsWhenTheTurnServerDies() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        String secret = CoturnProcess.randomSecret();
        CoturnProcess coturn = CoturnProcess.start(CoturnProcess.Config.plain(secret, "kvs.local"));
        try {
            TurnCredentials c = TurnCredentials.issue(secret, Duration.ofMinutes(5), "cam", Clock.systemUTC());
            IceOptions lo = IceOptions.defaults().withLoopback(true).withInterfaces(List.of("lo"));
            IceOptions relayed = lo.withRelayOnly(true).withIceServers(List.of(new IceServer(
                    List.of("turn:127.0.0.1:" + coturn.port() + "?transport=tcp"), c.username(), c.password())));
            try (IceAgent viewer = new IceAgent(lo.withControlling(true), Clock.systemUTC(), timers);
                 IceAgent camera = new IceAgent(relayed, Clock.systemUTC(), timers)) {
                CompletableFuture<IceState> connected = new CompletableFuture<>();
                CompletableFuture<IceState> failed = new CompletableFuture<>();
                camera.onStateChange(s -> {
                    if (s == IceState.CONNECTED) connected.complete(s);
                    if (s == IceState.FAILED) failed.complete(s);
                });
                viewer.setRemoteCredentials(camera.localUfrag(), camera.localPwd());
                camera.setRemoteCredentials(viewer.localUfrag(), viewer.localPwd());
                viewer.startGathering(x -> camera.addRemoteCandidate(x.toSdpAttribute()));
                camera.startGathering(x -> viewer.addRemoteCandidate(x.toSdpAttribute()));
                connected.get(20, TimeUnit.SECONDS);
                IceAgent.SelectedPath path = camera.selectedPath().orElseThrow();
                assertTrue(path.relayed());
                assertEquals(IceCandidate.Type.RELAY, path.local().type());

                CompletableFuture<byte[]> got = new CompletableFuture<>();
                viewer.setReceiver(PacketKind.RTP_RTCP, (d, off, len) -> got.complete(java.util.Arrays.copyOfRange(d, off, off + len)));
                byte[] rtp = {(byte) 0x80, 96, 0, 7, 1, 2, 3, 4, 5};
                camera.sender().send(rtp, 0, rtp.length);
                assertArrayEquals(rtp, got.get(5, TimeUnit.SECONDS), "RTP relayed through coturn over TCP");

                coturn.close(); // the TURN server disappears under a live session
                failed.get(20, TimeUnit.SECONDS);
                assertTrue(camera.selectedPath().isEmpty());
            }
        } finally {
            coturn.close();
            timers.shutdownNow();
        }
    }
}
