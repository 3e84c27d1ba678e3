package com.kvscamera.agent.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.ManualClock;
import com.kvscamera.agent.kvs.ManualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three hours of signaling on a manual clock with the real stack (emulator, WSS, SigV4 on the same manual clock):
 * the control thread is a {@link ManualScheduler} this test pumps, so the default 40-minute rotation is exercised
 * without waiting 40 minutes. Only the network round trips take real time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RotationTimelineTest {
    private static final Duration STEP = Duration.ofSeconds(5);

    @Test
    void defaultRotationKeepsEverySessionUnderFortyFiveMinutes() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        ManualScheduler control = new ManualScheduler(clock);
        try (MasterFixture f = new MasterFixture(b -> b.clock(clock))) {
            SignalingOptions d = SignalingOptions.defaults("us-west-2", MasterFixture.CHANNEL);
            SignalingOptions o = f.options()
                    .withRotation(SignalingOptions.DEFAULT_ROTATE_AFTER, SignalingOptions.DEFAULT_ROTATE_JITTER)
                    // keepalive at production scale too, so manual minutes do not outrun real pongs
                    .withKeepalive(d.pingInterval(), d.pongTimeout());
            f.master = SignalingMaster.builder(o, f.credentials, f.handler).clock(clock).controlScheduler(control).build();
            SignalingMaster m = f.master;
            m.addListener(f.events::add);
            m.start();
            assertTrue(pump(control, () -> m.status().connected()), "connected: " + m.status());

            Instant end = clock.instant().plus(Duration.ofHours(3));
            while (clock.instant().isBefore(end)) {
                control.advance(STEP);
                // let real I/O (pongs, a rotation's new socket) land before time moves on
                assertTrue(pump(control, () -> m.status().connected() && m.status().pendingOut() == 0 && !m.status().awaitingPong()),
                        "link up at " + clock.instant() + ": " + m.status());
            }
            List<Instant> connects = new ArrayList<>();
            f.events.stream().filter(e -> e instanceof SignalingEvent.Connected)
                    .forEach(e -> connects.add(((SignalingEvent.Connected) e).at()));
            List<Duration> lifetimes = new ArrayList<>();
            for (int i = 1; i < connects.size(); i++) {
                lifetimes.add(Duration.between(connects.get(i - 1), connects.get(i)));
            }
            System.out.println("[measure] 3 h on a manual clock: " + m.status().rotations() + " rotations, socket lifetimes "
                    + lifetimes.stream().map(x -> x.toSeconds() + "s").toList());
            assertTrue(m.status().rotations() >= 4, "about one rotation per 40-42 min: " + m.status());
            assertEquals(m.status().rotations(), m.status().reconnects(), "every reconnect was a planned rotation");
            for (Duration life : lifetimes) {
                assertTrue(life.compareTo(Duration.ofMinutes(40)) >= 0 && life.compareTo(Duration.ofMinutes(42).plus(STEP)) <= 0,
                        "socket lifetime " + life + " must be 40..42 min, below the 45-minute session limit");
            }
            TestViewer v = f.viewer("after-three-hours");
            v.sendOffer();
            assertTrue(pump(control, () -> v.answers.size() == 1), "still answering");
            m.stop();
            control.runDue();
        }
    }

    /** Runs the control thread's due work until {@code done} or 10 s of real time. */
    private static boolean pump(ManualScheduler control, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            control.runDue();
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1); // real network I/O in flight
        }
        return false;
    }
}
