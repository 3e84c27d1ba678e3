package com.kvscamera.rtc.turn;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.emulator.turn.CoturnProcess;
import com.kvscamera.emulator.turn.TurnCredentials;
import com.kvscamera.rtc.ice.IceServerUri;
import com.kvscamera.rtc.net.UdpEndpoint;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Permissions (300 s) and channel bindings (600 s) are renewed before they lapse; time is moved, not waited for. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TurnPermissionRefreshTest {

    static final class MovableClock extends Clock {
        final AtomicLong offset = new AtomicLong();
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId z) { return this; }
        @Override public long millis() { return System.currentTimeMillis() + offset.get(); }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }
    }

    @Test
    void permissionsAndChannelsAreRenewedAndKeepRelaying() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
        String secret = CoturnProcess.randomSecret();
        MovableClock clock = new MovableClock();
        LinkedBlockingQueue<byte[]> atPeer = new LinkedBlockingQueue<>();
        try (CoturnProcess coturn = CoturnProcess.start(CoturnProcess.Config.plain(secret, "kvs.local"));
             UdpEndpoint peer = UdpEndpoint.bind("127.0.0.1", 0, 0, "test-peer", (d, len, from) -> atPeer.add(java.util.Arrays.copyOf(d, len)))) {
            TurnCredentials c = TurnCredentials.issue(secret, Duration.ofMinutes(30), "cam", Clock.systemUTC());
            try (TurnClient turn = new TurnClient(IceServerUri.parse("turn:127.0.0.1:" + coturn.port()),
                    () -> new TurnClient.Credentials(c.username(), c.password()), null, clock, timers, Duration.ofSeconds(3),
                    new TurnClient.Listener() {
                        @Override public void onData(InetSocketAddress p, byte[] d, int off, int len) { }
                        @Override public void onFailure(TurnException reason) { }
                    })) {
                turn.allocate().get(10, TimeUnit.SECONDS);
                turn.createPermission(peer.localAddress().getAddress());
                byte[] msg = {1, 2, 3};
                long deadline = System.currentTimeMillis() + 5000;
                while (turn.boundChannels() == 0 && System.currentTimeMillis() < deadline) {
                    turn.send(msg, 0, msg.length, peer.localAddress());
                    Thread.sleep(20);
                }
                assertEquals(1, turn.boundChannels());
                long before = turn.requestTransmissions();
                clock.offset.addAndGet(TimeUnit.SECONDS.toMillis(241)); // past the 240 s permission renewal point
                turn.maintain();
                awaitTransmissions(turn, before + 1);
                long afterPermission = turn.requestTransmissions();
                clock.offset.addAndGet(TimeUnit.SECONDS.toMillis(300)); // past the 540 s channel renewal point
                turn.maintain();
                awaitTransmissions(turn, afterPermission + 2); // a CreatePermission and a ChannelBind
                atPeer.clear();
                turn.send(msg, 0, msg.length, peer.localAddress());
                assertNotNull(atPeer.poll(3, TimeUnit.SECONDS), "still relaying over the renewed channel");
            }
        } finally {
            timers.shutdownNow();
        }
    }

    private static void awaitTransmissions(TurnClient turn, long atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        while (turn.requestTransmissions() < atLeast && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertTrue(turn.requestTransmissions() >= atLeast, "transmissions " + turn.requestTransmissions() + " < " + atLeast);
    }
}
