package com.kvscamera.rtc.interop;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.emulator.turn.CoturnProcess;
import com.kvscamera.emulator.turn.TurnCredentials;
import com.kvscamera.rtc.ice.IceAgent;
import com.kvscamera.rtc.ice.IceCandidate;
import com.kvscamera.rtc.ice.IceOptions;
import com.kvscamera.rtc.ice.IceServer;
import com.kvscamera.rtc.ice.IceState;
import com.kvscamera.testkit.WebRtcViewer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libwebrtc (webrtc-java) offers as the controlling peer, our agent answers as controlled. DTLS is not part
 * of this test (the answer's fingerprint is a throwaway), so the bar is libwebrtc's ICE connection state
 * CONNECTED/COMPLETED plus a selected pair on our side.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebRtcJavaIceTest {
    private static ScheduledExecutorService timers;
    private static CoturnProcess coturn;
    private static TestCertificate cert;
    private static final String SECRET = CoturnProcess.randomSecret();

    @BeforeAll
    static void start() throws Exception {
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "test-timers");
            t.setDaemon(true);
            return t;
        });
        cert = TestCertificate.create();
        coturn = CoturnProcess.start(new CoturnProcess.Config(SECRET, "kvs.local", cert.certPem(), cert.keyPem()));
    }

    @AfterAll
    static void stop() {
        if (coturn != null) coturn.close();
        timers.shutdownNow();
    }

    static TurnCredentials creds(Duration ttl) {
        return TurnCredentials.issue(SECRET, ttl, "test", Clock.systemUTC());
    }

    private IceAgent.SelectedPath connect(WebRtcViewer.Options viewerOptions, IceOptions agentOptions, String label)
            throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(viewerOptions);
             IceAgent agent = new IceAgent(agentOptions, Clock.systemUTC(), timers)) {
            CompletableFuture<IceState> connected = new CompletableFuture<>();
            agent.onStateChange(s -> { if (s == IceState.CONNECTED) connected.complete(s); });
            String offer = viewer.createOffer(true, Duration.ofSeconds(3));
            MinimalAnswer sdp = new MinimalAnswer(offer);
            assertNotNull(sdp.ufrag, "offer has ice-ufrag");
            long t0 = System.nanoTime();
            agent.setRemoteCredentials(sdp.ufrag, sdp.pwd);
            for (String c : sdp.candidates) agent.addRemoteCandidate(c);
            List<IceCandidate> local = agent.gatherAll(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertFalse(local.isEmpty(), label + ": our agent gathered no candidates");
            long gathered = System.nanoTime();
            viewer.applyAnswer(sdp.answer(agent.localUfrag(), agent.localPwd(), local));
            boolean ok = viewer.awaitIceConnected(Duration.ofSeconds(20));
            if (!ok) {
                System.out.println(label + " FAILED: offer candidates=" + sdp.candidates + " local=" + local
                        + " agent=" + agent.state() + " malformedStun=" + agent.malformedStun() + " dropped=" + agent.droppedPackets());
                viewer.stats(Duration.ofSeconds(2)).values().stream()
                        .filter(st -> st.getType().toString().contains("PAIR") || st.getType().toString().contains("TRANSPORT"))
                        .forEach(st -> System.out.println("  " + st.getType() + " " + st.getAttributes()));
            }
            assertTrue(ok, label + ": libwebrtc ICE state " + viewer.iceConnectionState());
            connected.get(20, TimeUnit.SECONDS);
            System.out.printf("%s: remote offer given -> %d local candidates in %.1f ms; answer applied -> libwebrtc ICE connected in %.1f ms%n",
                    label, local.size(), (gathered - t0) / 1e6, (viewer.iceConnectedAtNanos() - gathered) / 1e6);
            return agent.selectedPath().orElseThrow();
        }
    }

    private static IceOptions loopback() {
        return IceOptions.defaults().withLoopback(true).withInterfaces(List.of("lo"));
    }

    @Test
    void hostCandidates() throws Exception {
        IceAgent.SelectedPath path = connect(WebRtcViewer.Options.videoOnly(), loopback(), "host");
        assertFalse(path.relayed());
    }

    @Test
    void trickleInBothDirections() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly());
             IceAgent agent = new IceAgent(loopback(), Clock.systemUTC(), timers)) {
            CompletableFuture<IceState> connected = new CompletableFuture<>();
            agent.onStateChange(s -> { if (s == IceState.CONNECTED) connected.complete(s); });
            viewer.onLocalCandidate(c -> agent.addRemoteCandidate(c.sdp));
            MinimalAnswer sdp = new MinimalAnswer(viewer.createOffer(false, Duration.ZERO));
            assertTrue(sdp.candidates.isEmpty(), "a trickle offer carries no candidates");
            agent.setRemoteCredentials(sdp.ufrag, sdp.pwd);
            viewer.applyAnswer(sdp.answer(agent.localUfrag(), agent.localPwd(), List.of()));
            long t0 = System.nanoTime();
            agent.startGathering(c -> viewer.addRemoteCandidate(sdp.mlines.get(0).mid(), 0, c.toSdpAttribute()));
            assertTrue(viewer.awaitIceConnected(Duration.ofSeconds(20)), "libwebrtc ICE " + viewer.iceConnectionState());
            connected.get(20, TimeUnit.SECONDS);
            System.out.printf("trickle: gathering started -> libwebrtc ICE connected in %.1f ms%n",
                    (viewer.iceConnectedAtNanos() - t0) / 1e6);
        }
    }

    @Test
    void libwebrtcRelaysThroughCoturnUdp() throws Exception {
        TurnCredentials c = creds(Duration.ofMinutes(5));
        var server = new WebRtcViewer.Server(List.of("turn:127.0.0.1:" + coturn.port() + "?transport=udp"), c.username(), c.password());
        IceAgent.SelectedPath path = connect(new WebRtcViewer.Options(true, true, List.of(server)), loopback(), "viewer relay udp");
        assertFalse(path.relayed());
        assertEquals(coturn.port() != path.remote().getPort(), true, "the peer is the relayed address, not the server port");
    }

    @Test
    void ourAgentRelaysOverTurnUdp() throws Exception {
        TurnCredentials c = creds(Duration.ofMinutes(5));
        IceOptions o = loopback().withRelayOnly(true).withIceServers(List.of(new IceServer(
                List.of("turn:127.0.0.1:" + coturn.port() + "?transport=udp"), c.username(), c.password())));
        IceAgent.SelectedPath path = connect(WebRtcViewer.Options.videoOnly(), o, "agent relay udp");
        assertTrue(path.relayed());
    }

    @Test
    void ourAgentRelaysOverTurnTcp() throws Exception {
        TurnCredentials c = creds(Duration.ofMinutes(5));
        IceOptions o = loopback().withRelayOnly(true).withIceServers(List.of(new IceServer(
                List.of("turn:127.0.0.1:" + coturn.port() + "?transport=tcp"), c.username(), c.password())));
        IceAgent.SelectedPath path = connect(WebRtcViewer.Options.videoOnly(), o, "agent relay tcp");
        assertTrue(path.relayed());
        assertEquals(IceCandidate.Type.RELAY, path.local().type());
    }

    @Test
    void ourAgentRelaysOverTurnTls() throws Exception {
        TurnCredentials c = creds(Duration.ofMinutes(5));
        SSLContext trust = cert.trustingContext();
        IceOptions o = loopback().withRelayOnly(true).withSslContext(trust).withIceServers(List.of(new IceServer(
                List.of("turns:127.0.0.1:" + coturn.tlsPort() + "?transport=tcp"), c.username(), c.password())));
        IceAgent.SelectedPath path = connect(WebRtcViewer.Options.videoOnly(), o, "agent relay tls");
        assertTrue(path.relayed());
    }
}
