package com.kvscamera.rtc.ice;

import static org.junit.jupiter.api.Assertions.*;

import com.kvscamera.rtc.net.PacketKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two of our agents on 127.0.0.1: plain, through a lossy link, consent loss, role conflict, restart, cleanup. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IceLoopbackTest {
    private ScheduledExecutorService timers;

    static IceOptions loopbackOptions() {
        return IceOptions.defaults().withLoopback(true).withInterfaces(List.of("lo"));
    }

    @BeforeEach
    void setUp() {
        timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "test-timers");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    @Test
    void connectsAndCarriesDtlsAndRtpBothWays() throws Exception {
        try (IceAgent a = new IceAgent(loopbackOptions().withControlling(true), Clock.systemUTC(), timers);
             IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers)) {
            CompletableFuture<IceState> ca = AgentPair.await(a, IceState.CONNECTED);
            CompletableFuture<IceState> cb = AgentPair.await(b, IceState.CONNECTED);
            long t0 = System.nanoTime();
            AgentPair.connect(a, b, c -> c, c -> c);
            ca.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            cb.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            System.out.printf("ICE connected on loopback (agent<->agent) in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            assertEquals("127.0.0.1", b.selectedPath().orElseThrow().remote().getAddress().getHostAddress());

            CompletableFuture<byte[]> gotDtls = new CompletableFuture<>();
            CompletableFuture<byte[]> gotRtp = new CompletableFuture<>();
            b.setReceiver(PacketKind.DTLS, (d, off, len) -> gotDtls.complete(java.util.Arrays.copyOfRange(d, off, off + len)));
            a.setReceiver(PacketKind.RTP_RTCP, (d, off, len) -> gotRtp.complete(java.util.Arrays.copyOfRange(d, off, off + len)));
            byte[] dtls = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 1, 2, 3};
            byte[] rtp = {(byte) 0x80, 96, 0, 1, 9, 9, 9, 9};
            a.sender().send(dtls, 0, dtls.length);
            b.sender().send(rtp, 0, rtp.length);
            assertArrayEquals(dtls, gotDtls.get(5, TimeUnit.SECONDS));
            assertArrayEquals(rtp, gotRtp.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void survivesLossDuplicationAndReordering() throws Exception {
        try (IceAgent a = new IceAgent(loopbackOptions().withControlling(true), Clock.systemUTC(), timers);
             IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers);
             ImpairedLink link = new ImpairedLink(42, 0.25, 0.15, 0.15, timers)) {
            int portA = AgentPair.hostPort(a);
            int portB = AgentPair.hostPort(b);
            link.setRealA(new InetSocketAddress("127.0.0.1", portA));
            link.setRealB(new InetSocketAddress("127.0.0.1", portB));
            CompletableFuture<IceState> ca = AgentPair.await(a, IceState.CONNECTED);
            CompletableFuture<IceState> cb = AgentPair.await(b, IceState.CONNECTED);
            // Each side only learns the link's address for the other, so every packet crosses the link.
            a.setRemoteCredentials(b.localUfrag(), b.localPwd());
            b.setRemoteCredentials(a.localUfrag(), a.localPwd());
            for (IceCandidate c : b.localCandidates()) a.addRemoteCandidate(AgentPair.rewrite(c, link.facingA()).toSdpAttribute());
            for (IceCandidate c : a.localCandidates()) b.addRemoteCandidate(AgentPair.rewrite(c, link.facingB()).toSdpAttribute());
            ca.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            cb.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertEquals(link.facingA(), a.selectedPath().orElseThrow().remote());
            assertTrue(link.dropped.get() + link.duplicated.get() + link.delayed.get() > 0, "the link must have impaired something");
        }
    }

    @Test
    void consentLossIsDetectedWhenThePeerVanishes() throws Exception {
        MutableClock clock = new MutableClock();
        IceOptions fastConsent = loopbackOptions().withConsent(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(30));
        try (IceAgent a = new IceAgent(fastConsent.withControlling(true), clock, timers)) {
            IceAgent b = new IceAgent(fastConsent, clock, timers);
            CompletableFuture<IceState> connected = AgentPair.await(b, IceState.CONNECTED);
            AgentPair.connect(a, b, c -> c, c -> c);
            connected.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            CompletableFuture<IceState> disconnected = AgentPair.await(b, IceState.DISCONNECTED);
            CompletableFuture<IceState> failed = AgentPair.await(b, IceState.FAILED);
            // Consent keeps b connected while a answers, even as the clock jumps.
            long answered = b.consentResponses();
            clock.advance(Duration.ofSeconds(3));
            long deadline = System.currentTimeMillis() + 5000;
            while (b.consentResponses() < answered + 3 && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertTrue(b.consentResponses() >= answered + 3, "consent checks must be answered while the peer lives");
            assertEquals(IceState.CONNECTED, b.state());
            a.close(); // the viewer vanishes
            clock.advance(Duration.ofSeconds(11));
            disconnected.get(5, TimeUnit.SECONDS);
            clock.advance(Duration.ofSeconds(20));
            failed.get(5, TimeUnit.SECONDS);
            assertTrue(b.selectedPath().isEmpty(), "media must stop once consent is lost");
            b.close();
        }
    }

    @Test
    void mdnsCandidatesAreIgnoredAndPeerReflexiveDiscoveryConnects() throws Exception {
        try (IceAgent a = new IceAgent(loopbackOptions().withControlling(true), Clock.systemUTC(), timers);
             IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers)) {
            CompletableFuture<IceState> ca = AgentPair.await(a, IceState.CONNECTED);
            CompletableFuture<IceState> cb = AgentPair.await(b, IceState.CONNECTED);
            // b only learns a's candidates as Chrome sends them: obfuscated behind mDNS names it cannot resolve.
            AgentPair.connect(a, b, c -> new IceCandidate(c.foundation(), 1, "udp", c.priority(),
                    "3f0b8c1e-9d2a-4c55-a0f4-8d9e1b2c3d4e.local", c.port(), c.type(), null, 0, null), c -> c);
            ca.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            cb.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertEquals(a.localCandidates().get(0).port(), b.selectedPath().orElseThrow().remote().getPort(),
                    "b reaches a through the peer-reflexive candidate learnt from a's checks");
        }
    }

    /**
     * A session that cannot trickle (Echo Show) answers when gathering completes, with the candidates its listener
     * heard: completion must come after every candidate was delivered, however slow the listener. Before, it was
     * signalled on the agent's loop while candidates still waited on the event thread, and complete answers lost
     * their last candidates (1 to 5 of them across benchmark runs).
     */
    @Test
    void gatheringCompletesOnlyAfterTheListenerHeardEveryCandidate() throws Exception {
        try (IceAgent a = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers)) {
            List<IceCandidate> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.startGathering(c -> {
                try {
                    Thread.sleep(200); // a slow listener: its events queue up behind this one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heard.add(c);
            });
            List<IceCandidate> heardAtCompletion = a.gatheringComplete().thenApply(all -> List.copyOf(heard))
                    .get(10, TimeUnit.SECONDS);
            List<IceCandidate> all = a.gatheringComplete().get();
            assertFalse(all.isEmpty());
            assertEquals(all, heardAtCompletion);
        }
    }

    @Test
    void gatherAllReturnsWhatItHasAtTheDeadlineWhenTurnIsUnreachable() throws Exception {
        int deadPort;
        try (java.nio.channels.DatagramChannel ch = java.nio.channels.DatagramChannel.open()) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            deadPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        }
        IceOptions o = loopbackOptions().withTurnTimeout(Duration.ofSeconds(5)).withIceServers(List.of(
                new IceServer(List.of("turn:127.0.0.1:" + deadPort + "?transport=udp"), "u", "p")));
        try (IceAgent a = new IceAgent(o, Clock.systemUTC(), timers)) {
            long t0 = System.nanoTime();
            List<IceCandidate> got = a.gatherAll(Duration.ofMillis(300)).get(5, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(1, got.size(), "the host candidate, no relay: " + got);
            assertEquals(IceCandidate.Type.HOST, got.get(0).type());
            assertTrue(ms >= 250 && ms < 2000, "gatherAll returned after " + ms + " ms");
            assertFalse(a.gatheringComplete().isDone(), "the TURN server is still being tried");
        }
    }

    @Test
    void serverReflexiveCandidateFromAStunServer() throws Exception {
        InetSocketAddress natMapping = new InetSocketAddress("203.0.113.5", 40000);
        com.kvscamera.rtc.net.UdpEndpoint[] self = new com.kvscamera.rtc.net.UdpEndpoint[1];
        // A STUN server behind which the agent appears NATed: it reports a fixed public mapping.
        self[0] = com.kvscamera.rtc.net.UdpEndpoint.bind("127.0.0.1", 0, 0, "fake-stun", (d, len, from) -> {
            try {
                var req = com.kvscamera.rtc.stun.StunDecoder.decode(d, 0, len);
                byte[] w = com.kvscamera.rtc.stun.StunMessage.response(req, true)
                        .addXorAddress(com.kvscamera.rtc.stun.StunAttr.XOR_MAPPED_ADDRESS, natMapping).encode(null, true);
                self[0].send(w, 0, w.length, from);
            } catch (Exception e) {
                // ignore
            }
        });
        IceOptions o = loopbackOptions().withIceServers(List.of(new IceServer(
                List.of("stun:127.0.0.1:" + self[0].localAddress().getPort()), null, null)));
        try (IceAgent a = new IceAgent(o, Clock.systemUTC(), timers)) {
            List<IceCandidate> got = a.gatherAll(Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS);
            assertTrue(a.gatheringComplete().isDone());
            IceCandidate srflx = got.stream().filter(c -> c.type() == IceCandidate.Type.SRFLX).findFirst().orElseThrow();
            assertEquals("203.0.113.5", srflx.address());
            assertEquals(40000, srflx.port());
            assertEquals("127.0.0.1", srflx.relatedAddress());
            assertTrue(srflx.toSdpAttribute().contains("typ srflx raddr 127.0.0.1 rport " + got.get(0).port()));
        } finally {
            self[0].close();
        }
    }

    @Test
    void roleConflictBetweenTwoControlledAgentsIsRepaired() throws Exception {
        try (IceAgent a = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers);
             IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers)) {
            CompletableFuture<IceState> ca = AgentPair.await(a, IceState.CONNECTED);
            CompletableFuture<IceState> cb = AgentPair.await(b, IceState.CONNECTED);
            AgentPair.connect(a, b, c -> c, c -> c);
            ca.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            cb.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void iceRestartReconnectsWithNewCredentials() throws Exception {
        try (IceAgent a = new IceAgent(loopbackOptions().withControlling(true), Clock.systemUTC(), timers);
             IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers)) {
            java.util.concurrent.LinkedBlockingQueue<IceAgent.SelectedPath> selections = new java.util.concurrent.LinkedBlockingQueue<>();
            b.onSelectedPath(selections::add);
            AgentPair.connect(a, b, c -> c, c -> c);
            assertNotNull(selections.poll(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS), "first selection");
            String oldUfrag = b.localUfrag();
            a.restart();
            b.restart();
            assertNotEquals(oldUfrag, b.localUfrag());
            // The old path keeps carrying media meanwhile; a new nomination under the new credentials re-selects.
            a.setRemoteCredentials(b.localUfrag(), b.localPwd());
            b.setRemoteCredentials(a.localUfrag(), a.localPwd());
            for (IceCandidate c : b.localCandidates()) a.addRemoteCandidate(c.toSdpAttribute());
            for (IceCandidate c : a.localCandidates()) b.addRemoteCandidate(c.toSdpAttribute());
            IceAgent.SelectedPath again = selections.poll(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertNotNull(again, "a pair must be selected again after the restart");
            assertEquals(a.localCandidates().get(0).port(), again.remote().getPort());
            CompletableFuture<byte[]> got = new CompletableFuture<>();
            b.setReceiver(PacketKind.RTP_RTCP, (d, off, len) -> got.complete(java.util.Arrays.copyOfRange(d, off, off + len)));
            byte[] rtp = {(byte) 0x80, 96, 0, 2};
            a.sender().send(rtp, 0, rtp.length);
            assertArrayEquals(rtp, got.get(5, TimeUnit.SECONDS));
            assertEquals(IceState.CONNECTED, b.state());
        }
    }

    @Test
    void malformedStunAndStrayMediaAreDroppedAndCounted() throws Exception {
        try (IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers);
             java.nio.channels.DatagramChannel attacker = java.nio.channels.DatagramChannel.open()) {
            int port = AgentPair.hostPort(b);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            java.util.Random rnd = new java.util.Random(7);
            for (int i = 0; i < 500; i++) {
                byte[] junk = new byte[20 + rnd.nextInt(100)];
                rnd.nextBytes(junk);
                junk[0] = (byte) (rnd.nextInt(4)); // STUN range
                junk[4] = 0x21; junk[5] = 0x12; junk[6] = (byte) 0xA4; junk[7] = 0x42;
                attacker.send(java.nio.ByteBuffer.wrap(junk), target);
            }
            byte[] rtp = {(byte) 0x80, 96, 0, 1};
            attacker.send(java.nio.ByteBuffer.wrap(rtp), target);
            long deadline = System.currentTimeMillis() + 5000;
            while ((b.malformedStun() < 400 || b.droppedPackets() < 1) && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(b.malformedStun() >= 400, "malformed=" + b.malformedStun());
            assertEquals(1, b.droppedPackets(), "RTP from an unauthenticated address must be dropped");
            assertEquals(IceState.NEW, b.state());
        }
    }

    @Test
    void socketsAndThreadsReturnToBaselineAfterClose() throws Exception {
        int threads0 = sessionThreads();
        long fds0 = openFds();
        for (int i = 0; i < 3; i++) {
            try (IceAgent a = new IceAgent(loopbackOptions().withControlling(true), Clock.systemUTC(), timers);
                 IceAgent b = new IceAgent(loopbackOptions(), Clock.systemUTC(), timers)) {
                CompletableFuture<IceState> cb = AgentPair.await(b, IceState.CONNECTED);
                long t0 = System.nanoTime();
                AgentPair.connect(a, b, c -> c, c -> c);
                cb.get(AgentPair.DEADLINE_MS, TimeUnit.MILLISECONDS);
                System.out.printf("ICE connected on loopback (agent<->agent, warm, run %d) in %.1f ms%n", i, (System.nanoTime() - t0) / 1e6);
                assertTrue(sessionThreads() >= threads0 + 4, "each agent has a reader and an event thread");
            }
        }
        long deadline = System.currentTimeMillis() + 5000;
        while ((sessionThreads() > threads0 || openFds() > fds0) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(threads0, sessionThreads(), "ICE/TURN threads after close");
        assertTrue(openFds() <= fds0, "file descriptors after close: " + openFds() + " > " + fds0);
    }

    /** Live threads our ICE/TURN code started (all are named ice-* or turn-*); other test classes' threads do not count. */
    static int sessionThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("ice-") || t.getName().startsWith("turn-"))).count();
    }

    static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
