package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.MasterFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.emulator.EmulatorOptions;
import com.kvscamera.emulator.KvsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outages, a wrong clock and a wrong secret against the emulator. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SignalingRecoveryEmulatorTest {

    @Test
    void emulatorKilledAndRestartedOnTheSamePortAgentReturnsByItself() throws Exception {
        // plain HTTP/WS: a restarted emulator would mint a new CA the agent has never seen
        try (MasterFixture f = new MasterFixture(b -> b.tls(false))) {
            SignalingMaster m = f.start(f.options());
            assertTrue(await(Duration.ofSeconds(15), () -> m.status().connected()) >= 0, "connected: " + m.status());
            int port = f.emulator.baseUrl().getPort();
            String arnBefore = f.emulator.channelArn(MasterFixture.CHANNEL);
            f.emulator.close();
            assertTrue(await(Duration.ofSeconds(10), () -> !m.status().connected()) >= 0, "outage noticed");
            // stay down long enough for several failed attempts (and endpoint rediscovery)
            assertTrue(await(Duration.ofSeconds(20), () -> m.status().failures() >= 4) >= 0, "retrying: " + m.status());
            long failuresWhileDown = m.status().failures();
            long t0 = System.nanoTime();
            try (KvsEmulator again = KvsEmulator.start(EmulatorOptions.builder().port(port).region("us-west-2")
                    .accessKeyId(MasterFixture.AKID).secretAccessKey(MasterFixture.SECRET)
                    .createChannel(MasterFixture.CHANNEL).tls(false).build())) {
                long ms = await(Duration.ofSeconds(30), () -> m.status().connected()
                        && again.state().channel(MasterFixture.CHANNEL).map(c -> c.masterConnected()).orElse(false));
                assertTrue(ms >= 0, "back by itself: " + m.status());
                System.out.println("[measure] emulator restart -> master reconnected in " + ms + " ms (" + failuresWhileDown
                        + " failed steps while down; channel ARN changed: "
                        + !arnBefore.equals(again.channelArn(MasterFixture.CHANNEL)) + ")");
                TestViewer v = new TestViewer(again.presignViewer(MasterFixture.CHANNEL, "after-restart"), null, "after-restart");
                try {
                    v.sendOffer();
                    assertTrue(v.awaitAnswers(1, Duration.ofSeconds(10)), "answering again");
                } finally {
                    v.close();
                }
                System.out.println("[measure] restart recovery total " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                m.stop();
            }
        }
    }

    @Test
    void clockTenMinutesOffIsCorrectedFromTheServerDate() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b)) {
            Clock wrong = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
            SignalingMaster m = f.start(f.options(), wrong);
            long ms = await(Duration.ofSeconds(15), () -> m.status().connected() && f.masterConnectedOnEmulator());
            assertTrue(ms >= 0, "connected despite the clock: " + m.status());
            Duration offset = m.status().clockOffset();
            System.out.println("[measure] clock -10 min: connected in " + ms + " ms, learned offset " + offset);
            assertTrue(Math.abs(offset.minusMinutes(10).toMillis()) < 3_000, "offset ~ +10 min: " + offset);
            TestViewer v = f.viewer("skewed");
            v.sendOffer();
            assertTrue(v.awaitAnswers(1, Duration.ofSeconds(10)));
            // presigned WSS URLs use the corrected time too: a rotation must still connect
            long connects = m.status().connects();
            f.emulator.inject(MasterFixture.CHANNEL, "CLOSE_1001");
            assertTrue(await(Duration.ofSeconds(10), () -> m.status().connects() > connects && m.status().connected()) >= 0);
        }
    }

    @Test
    void wrongSecretGivesAClearErrorAndABoundedNumberOfAttempts() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b, "this-is-not-the-secret")) {
            SignalingOptions o = f.options();
            SignalingMaster m = f.start(o);
            assertTrue(await(Duration.ofSeconds(10), () -> f.events.stream().anyMatch(e -> e instanceof SignalingEvent.Problem)) >= 0,
                    "a Problem event: " + f.events);
            long t0 = System.nanoTime();
            long failures0 = m.status().failures();
            // observe a fixed window of real time; the bound is what matters, not the exact count
            await(Duration.ofSeconds(12), () -> false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long attempts = m.status().failures() - failures0;
            SignalingEvent.Problem p = (SignalingEvent.Problem) f.events.stream().filter(e -> e instanceof SignalingEvent.Problem)
                    .findFirst().orElseThrow();
            System.out.println("[measure] wrong secret: " + attempts + " attempts in " + String.format("%.1f", seconds)
                    + " s with backoffCap " + o.backoffCap().toMillis() + " ms; problem: " + p.message());
            assertTrue(p.message().contains("403") && p.message().contains("rejects the credentials"), p.message());
            assertFalse(p.message().contains(MasterFixture.SECRET) || p.message().contains("this-is-not-the-secret"),
                    "no secret in the message");
            // after the second 401/403 every wait is at least cap/2
            double bound = seconds / (o.backoffCap().toMillis() / 2000.0) + 1;
            assertTrue(attempts >= 2 && attempts <= bound, attempts + " attempts, bound " + bound);
            assertFalse(m.status().connected());
            assertEquals(0, f.emulator.state().channel(MasterFixture.CHANNEL).orElseThrow().masterConnections());
            assertTrue(f.credentials.invalidations.get() >= attempts, "credentials refetched after each refusal");
        }
    }
}
