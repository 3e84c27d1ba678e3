package com.kvscamera.rtc.interop;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.emulator.turn.CoturnProcess;
import com.kvscamera.emulator.turn.TurnCredentials;
import com.kvscamera.rtc.ice.IceServerUri;
import com.kvscamera.rtc.net.UdpEndpoint;
import com.kvscamera.rtc.turn.TurnClient;
import com.kvscamera.rtc.turn.TurnException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our TURN client against a real coturn with TURN REST credentials, over UDP, TCP and TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnClientCoturnTest {
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

    private record Received(InetSocketAddress peer, byte[] data) {}

    private TurnClient client(String uri, TurnCredentials c, SSLContext ssl, LinkedBlockingQueue<Received> inbox) {
        return new TurnClient(IceServerUri.parse(uri), () -> new TurnClient.Credentials(c.username(), c.password()), ssl,
                Clock.systemUTC(), timers, Duration.ofSeconds(3), new TurnClient.Listener() {
                    @Override public void onData(InetSocketAddress peer, byte[] d, int off, int len) {
                        inbox.add(new Received(peer, java.util.Arrays.copyOfRange(d, off, off + len)));
                    }
                    @Override public void onFailure(TurnException reason) { }
                });
    }

    private void relaysBothWays(String uri, SSLContext ssl) throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofMinutes(5), "cam", Clock.systemUTC());
        LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Received> peerInbox = new LinkedBlockingQueue<>();
        try (TurnClient turn = client(uri, c, ssl, inbox);
             UdpEndpoint peer = UdpEndpoint.bind("127.0.0.1", 0, 0, "test-peer",
                     (d, len, from) -> peerInbox.add(new Received(from, java.util.Arrays.copyOf(d, len))))) {
            TurnClient.Allocation a = turn.allocate().get(10, TimeUnit.SECONDS);
            assertEquals("127.0.0.1", a.relayed().getAddress().getHostAddress());
            turn.createPermission(peer.localAddress().getAddress());
            int roundTrips = 0;
            // The first datagrams go as Send indications and trigger a ChannelBind; later ones as ChannelData.
            for (int i = 0; i < 20; i++) {
                byte[] msg = ("hello " + i).getBytes();
                turn.send(msg, 0, msg.length, peer.localAddress());
                // The first one or two may be dropped by coturn (sent before the permission is installed);
                // the rest must all arrive, however long a loaded machine takes to pass them on.
                Received r = peerInbox.poll(i < 2 ? 300 : 2000, TimeUnit.MILLISECONDS);
                if (r != null) {
                    assertEquals(a.relayed(), r.peer(), "the peer sees the relayed address");
                    assertTrue(new String(r.data()).startsWith("hello "));
                    byte[] back = ("back " + i).getBytes();
                    peer.send(back, 0, back.length, a.relayed());
                    Received got = inbox.poll(2, TimeUnit.SECONDS);
                    assertNotNull(got, "data from the peer must come back through the relay");
                    assertEquals(peer.localAddress(), got.peer());
                    assertEquals("back " + i, new String(got.data()));
                    roundTrips++;
                }
            }
            assertTrue(roundTrips >= 18, "round trips through the relay: " + roundTrips);
            assertTrue(turn.boundChannels() > 0, "a channel must have been bound for the peer");
        }
    }

    @Test
    void relaysOverUdp() throws Exception {
        relaysBothWays("turn:127.0.0.1:" + coturn.port() + "?transport=udp", null);
    }

    @Test
    void relaysOverTcp() throws Exception {
        relaysBothWays("turn:127.0.0.1:" + coturn.port() + "?transport=tcp", null);
    }

    @Test
    void relaysOverTlsWithVerifiedCertificate() throws Exception {
        relaysBothWays("turns:127.0.0.1:" + coturn.tlsPort() + "?transport=tcp", cert.trustingContext());
    }

    @Test
    void tlsRejectsAnUntrustedServerCertificate() throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofMinutes(5), "cam", Clock.systemUTC());
        try (TurnClient turn = client("turns:127.0.0.1:" + coturn.tlsPort(), c, SSLContext.getDefault(), new LinkedBlockingQueue<>())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> turn.allocate().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("TLS connection to 127.0.0.1"), e.getCause().getMessage());
        }
    }

    @Test
    void expiredCredentialsFailClearlyWithoutRetryStorm() throws Exception {
        TurnCredentials expired = TurnCredentials.issue(SECRET, Duration.ofMinutes(-10), "cam", Clock.systemUTC());
        for (String uri : new String[] {"turn:127.0.0.1:" + coturn.port() + "?transport=udp",
                "turn:127.0.0.1:" + coturn.port() + "?transport=tcp"}) {
            try (TurnClient turn = client(uri, expired, null, new LinkedBlockingQueue<>())) {
                long t0 = System.nanoTime();
                ExecutionException e = assertThrows(ExecutionException.class, () -> turn.allocate().get(10, TimeUnit.SECONDS));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                TurnException te = assertInstanceOf(TurnException.class, e.getCause());
                assertEquals(401, te.code());
                assertTrue(te.getMessage().contains(expired.username()), te.getMessage());
                assertFalse(te.getMessage().contains(expired.password()), "the password must never appear in errors");
                // challenge, authenticated attempt, and one retry with "fresh" credentials (the same here) at most
                assertTrue(turn.requestTransmissions() <= 3, "transmissions=" + turn.requestTransmissions());
                assertTrue(ms < 3000, "failed after " + ms + " ms");
            }
        }
    }

    @Test
    void agentWithThreeRelaysLeavesNoThreadsOrSocketsBehind() throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofMinutes(5), "cam", Clock.systemUTC());
        var servers = java.util.List.of(new com.kvscamera.rtc.ice.IceServer(java.util.List.of(
                "turn:127.0.0.1:" + coturn.port() + "?transport=udp",
                "turn:127.0.0.1:" + coturn.port() + "?transport=tcp",
                "turns:127.0.0.1:" + coturn.tlsPort() + "?transport=tcp"), c.username(), c.password()));
        var opts = com.kvscamera.rtc.ice.IceOptions.defaults().withLoopback(true).withInterfaces(java.util.List.of("lo"))
                .withSslContext(cert.trustingContext()).withIceServers(servers);
        // warm up class loading and the scheduler's lazily created threads
        try (var a = new com.kvscamera.rtc.ice.IceAgent(opts, Clock.systemUTC(), timers)) {
            a.gatherAll(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        }
        Thread.sleep(200);
        int threads0 = sessionThreads();
        long fds0 = openFds();
        for (int i = 0; i < 3; i++) {
            try (var a = new com.kvscamera.rtc.ice.IceAgent(opts, Clock.systemUTC(), timers)) {
                var got = a.gatherAll(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                assertEquals(3, got.stream().filter(x -> x.type() == com.kvscamera.rtc.ice.IceCandidate.Type.RELAY).count(), got.toString());
                assertTrue(sessionThreads() > threads0);
            }
        }
        long deadline = System.currentTimeMillis() + 5000;
        while ((sessionThreads() > threads0 || openFds() > fds0) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(threads0, sessionThreads(), "ICE/TURN threads after close");
        assertTrue(openFds() <= fds0, "file descriptors after close: " + openFds() + " > " + fds0);
    }

    /**
     * KVS hands out two TURN entries and a session allocates on one; the other stands by. When the chosen relay is
     * down (its port closed: refused at once; or silent: the allocation times out), the standby entry's URI of the
     * same transport is allocated on instead, and only that one.
     */
    @Test
    void aFailedAllocationFallsBackToTheStandbyEntryOfTheSameTransport() throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofMinutes(5), "cam", Clock.systemUTC());
        int closedTcp;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedTcp = probe.getLocalPort(); // closed again below: connecting there is refused
        }
        try (java.net.DatagramSocket silentUdp = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            var down = new com.kvscamera.rtc.ice.IceServer(List.of(
                    "turn:127.0.0.1:" + closedTcp + "?transport=tcp",
                    "turn:127.0.0.1:" + silentUdp.getLocalPort() + "?transport=udp"), c.username(), c.password());
            var standby = new com.kvscamera.rtc.ice.IceServer(List.of(
                    "turn:127.0.0.1:" + coturn.port() + "?transport=udp",
                    "turn:127.0.0.1:" + coturn.port() + "?transport=tcp",
                    "turns:127.0.0.1:" + coturn.tlsPort() + "?transport=tcp"), c.username(), c.password()).asStandby();
            var opts = com.kvscamera.rtc.ice.IceOptions.defaults().withLoopback(true).withInterfaces(List.of("lo"))
                    .withSslContext(cert.trustingContext()).withTurnTimeout(Duration.ofMillis(700));

            try (var a = new com.kvscamera.rtc.ice.IceAgent(opts.withIceServers(List.of(down)), Clock.systemUTC(), timers)) {
                assertEquals(List.of(), relays(a.gatherAll(Duration.ofSeconds(8)).get(10, TimeUnit.SECONDS)),
                        "without a standby entry there is no relay");
            }
            try (var a = new com.kvscamera.rtc.ice.IceAgent(opts.withIceServers(List.of(down, standby)), Clock.systemUTC(),
                    timers)) {
                var relays = relays(a.gatherAll(Duration.ofSeconds(8)).get(10, TimeUnit.SECONDS));
                assertEquals(2, relays.size(), relays.toString());
                // UDP relays rank above TCP ones (local preference), so the priorities tell the transports apart
                var expected = java.util.Set.of(
                        com.kvscamera.rtc.ice.IceCandidate.priority(com.kvscamera.rtc.ice.IceCandidate.Type.RELAY, 65535, 1),
                        com.kvscamera.rtc.ice.IceCandidate.priority(com.kvscamera.rtc.ice.IceCandidate.Type.RELAY, 32767, 1));
                assertEquals(expected, relays.stream().map(com.kvscamera.rtc.ice.IceCandidate::priority)
                        .collect(java.util.stream.Collectors.toSet()), "one UDP and one TCP relay; the standby TLS URI unused");
                assertTrue(relays.stream().allMatch(r -> r.address().equals("127.0.0.1")), relays.toString());
            }
        }
    }

    private static List<com.kvscamera.rtc.ice.IceCandidate> relays(List<com.kvscamera.rtc.ice.IceCandidate> all) {
        return all.stream().filter(x -> x.type() == com.kvscamera.rtc.ice.IceCandidate.Type.RELAY).toList();
    }

    /** Live threads our ICE/TURN code started (all are named ice-* or turn-*). */
    static int sessionThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("ice-") || t.getName().startsWith("turn-"))).count();
    }

    static long openFds() throws java.io.IOException {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void refreshWorksAndReleaseOnClose() throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofMinutes(5), "cam", Clock.systemUTC());
        try (TurnClient turn = client("turn:127.0.0.1:" + coturn.port(), c, null, new LinkedBlockingQueue<>())) {
            turn.allocate().get(10, TimeUnit.SECONDS);
            long before = turn.requestTransmissions();
            turn.refresh();
            long deadline = System.currentTimeMillis() + 3000;
            while (turn.requestTransmissions() == before && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertTrue(turn.requestTransmissions() > before);
        }
    }
}
