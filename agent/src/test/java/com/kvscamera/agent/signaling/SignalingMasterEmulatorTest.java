package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.MasterFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.emulator.EmulatorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The master against the emulator over real WSS and SigV4: connect, faults, rotations. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SignalingMasterEmulatorTest {
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    @Test
    void connectsAsMasterAndAnswersOffersAndBufferedCandidates() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b)) {
            SignalingMaster m = f.start(f.options());
            long ms = await(Duration.ofSeconds(15), () -> m.status().connected() && f.masterConnectedOnEmulator());
            assertTrue(ms >= 0, "connected as master: " + m.status());
            System.out.println("[measure] boot to connected: " + ms + " ms");
            assertTrue(m.iceConfig().isPresent(), "ICE configuration fetched before connecting");
            assertTrue(m.iceConfig().get().servers().stream().noneMatch(s -> s.uris().get(0).contains("amazonaws")),
                    "no regional AWS STUN when the endpoint is not AWS");

            TestViewer v = f.viewer("viewer-a");
            v.sendCandidate("candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host"); // before its offer
            v.sendOffer();
            assertTrue(v.awaitAnswers(1, RECOVERY_BOUND), "answer received");
            assertTrue(v.answers.get(0).contains("a=mid:0") && v.answers.get(0).contains("a=mid:1"), "mids echoed");
            assertEquals(-1 < await(Duration.ofSeconds(5), () -> f.handler.candidatesByClient.containsKey("viewer-a")) ? 1 : 0, 1,
                    "the early candidate was held and delivered after the offer");

            // stray API-gateway frames and garbage from a viewer do not disturb anything
            v.sendRaw("{\"message\":\"Internal server error\"}");
            v.sendOffer();
            assertTrue(v.awaitAnswers(2, RECOVERY_BOUND));
            assertTrue(m.status().connected());

            m.stop();
            assertTrue(f.events.stream().anyMatch(e -> e instanceof SignalingEvent.Connected), "Connected event: " + f.events);
            long gone = await(Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith("agent-")));
            assertTrue(gone >= 0, "no agent-* thread left after stop(): " + Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName).filter(n -> n.startsWith("agent-")).toList());
            assertTrue(await(Duration.ofSeconds(5), () -> !f.masterConnectedOnEmulator()) >= 0, "socket closed on stop");
        }
    }

    @Test
    void recoversFromEachFaultAndAnswersTheOfferSentRightAfter() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b)) {
            SignalingMaster m = f.start(f.options());
            assertTrue(await(Duration.ofSeconds(15), () -> m.status().connected()) >= 0);
            TestViewer v = f.viewer("viewer-faults");
            Map<String, Long> measured = new LinkedHashMap<>();
            int answers = 0;
            for (String fault : List.of("GO_AWAY", "RECONNECT_ICE_SERVER", "CLOSE_1001", "DROP")) {
                // keep faults 1.1 s apart so each recovery is measured alone: ConnectAsMaster is limited to 3/s per
                // channel (back-to-back faults are recovered too, through the THROTTLED backoff, just slower)
                await(Duration.ofMillis(1100), () -> false);
                long connectsBefore = m.status().connects();
                long iceBefore = m.status().iceFetches();
                long t0 = System.nanoTime();
                f.emulator.inject(MasterFixture.CHANNEL, fault);
                if (fault.equals("CLOSE_1001") || fault.equals("DROP")) {
                    // the emulator routes frames to a closing master until its close completes (they are lost there),
                    // so "right after" means as soon as the emulator has let go of the old socket
                    assertTrue(await(RECOVERY_BOUND, () -> !f.masterConnectedOnEmulator() || m.status().connects() > connectsBefore) >= 0);
                }
                v.sendOffer();
                answers++;
                long ms;
                if (fault.equals("RECONNECT_ICE_SERVER")) {
                    // ICE refreshed in the background, the socket untouched
                    ms = await(RECOVERY_BOUND, () -> m.status().iceFetches() > iceBefore);
                    assertEquals(connectsBefore, m.status().connects(), "RECONNECT_ICE_SERVER must not reconnect the socket");
                } else {
                    ms = await(RECOVERY_BOUND, () -> m.status().connects() > connectsBefore && m.status().connected()
                            && f.masterConnectedOnEmulator());
                }
                assertTrue(ms >= 0, fault + " not recovered within " + RECOVERY_BOUND + ": " + m.status());
                measured.put(fault, ms);
                final int expect = answers;
                assertTrue(v.awaitAnswers(expect, RECOVERY_BOUND), "offer sent right after " + fault + " answered; got "
                        + v.answers.size() + "/" + expect);
                measured.put(fault + " answer", (System.nanoTime() - t0) / 1_000_000);
            }
            System.out.println("[measure] fault -> recovered (ms): " + measured);
            EmulatorState.ChannelState cs = f.emulator.state().channel(MasterFixture.CHANNEL).orElseThrow();
            assertEquals(answers, (int) cs.answers(), "every offer answered exactly once");
        }
    }

    @Test
    void twentyRotationsInARowWithoutALapseOrALostOffer() throws Exception {
        Duration sessionTtl = Duration.ofSeconds(4);
        try (MasterFixture f = new MasterFixture(b -> b.sessionTtl(sessionTtl))) {
            SignalingOptions o = f.options().withRotation(Duration.ofMillis(1200), Duration.ofMillis(300));
            SignalingMaster m = f.start(o);
            assertTrue(await(Duration.ofSeconds(15), () -> m.status().connected() && f.masterConnectedOnEmulator()) >= 0);
            // viewers live under the same short session lifetime: each connection offers for 1.5 s with a fresh
            // client id, then is closed before its own session could expire
            List<TestViewer> all = new ArrayList<>();
            List<TestViewer> active = new ArrayList<>();
            long rotationsStart = m.status().rotations();
            int observations = 0;
            int notConnected = 0;
            List<String> gaps = new ArrayList<>();
            long nextOffer = System.nanoTime();
            long nextViewers = System.nanoTime();
            int generation = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (m.status().rotations() - rotationsStart < 20 && System.nanoTime() < deadline) {
                long now = System.nanoTime();
                if (now >= nextViewers) {
                    generation++;
                    for (TestViewer old : active) {
                        old.stopAt = now + Duration.ofMillis(900).toNanos();
                    }
                    active = new ArrayList<>(List.of(f.viewer("steady-1-" + generation), f.viewer("steady-2-" + generation)));
                    all.addAll(active);
                    nextViewers = now + Duration.ofMillis(1500).toNanos();
                }
                if (now >= nextOffer) {
                    // 2 viewers x 2 offers/s: a steady stream, under the 5/s per-connection quota
                    active.forEach(TestViewer::sendOffer);
                    nextOffer += Duration.ofMillis(500).toNanos();
                }
                for (TestViewer v : all) {
                    if (v.stopAt != 0 && now >= v.stopAt && v.isOpen()) {
                        v.close();
                    }
                }
                observations++;
                EmulatorState.ChannelState cs = f.emulator.state().channel(MasterFixture.CHANNEL).orElseThrow();
                if (!cs.masterConnected()) {
                    notConnected++;
                    gaps.add("not connected at rotation " + (m.status().rotations() - rotationsStart));
                }
                Thread.sleep(20); // observation period of real network state
            }
            long rotations = m.status().rotations() - rotationsStart;
            List<TestViewer> viewers = all;
            int sent = viewers.stream().mapToInt(v -> v.offersSent.get()).sum();
            for (TestViewer v : viewers) {
                assertTrue(v.awaitAnswers(v.offersSent.get(), Duration.ofSeconds(10)),
                        v.clientId + ": " + v.answers.size() + " of " + v.offersSent.get() + " answered");
            }
            EmulatorState.ChannelState cs = f.emulator.state().channel(MasterFixture.CHANNEL).orElseThrow();
            System.out.println("[measure] rotations=" + rotations + " observations=" + observations + " offers=" + sent
                    + " answered=" + viewers.stream().mapToInt(v -> v.answers.size()).sum() + " sessionsExpired="
                    + cs.sessionsExpired() + " masterConnections=" + cs.masterConnections());
            assertEquals(20, rotations, "20 rotations in a row");
            assertEquals(0, notConnected, "master connected at every one of " + observations + " observations: " + gaps);
            assertEquals(0, cs.sessionsExpired(), "no session ever reached its lifetime");
            assertTrue(sent >= 30, "a steady stream of offers: " + sent);
            assertEquals(sent, viewers.stream().mapToInt(v -> v.answers.size()).sum(), "every offer answered");
        }
    }
}
