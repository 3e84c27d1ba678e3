package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.testing.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Restart, backoff and watchdog logic on a manual clock: no sleeping, no processes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CaptureSupervisorTest {
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofSeconds(5);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeSource source = new FakeSource();
    private final RecordingSink sink = new RecordingSink();
    private double random = 0.999;
    private final CaptureSupervisor supervisor = new CaptureSupervisor(source, sink, FRAME_TIMEOUT, MAX, scheduler,
            () -> random);

    static final class FakeRun implements CaptureRun {
        final CompletableFuture<CaptureEnd> ended = new CompletableFuture<>();
        FrameSink sink;
        String stopReason;
        int housekeeping;

        @Override
        public CompletableFuture<CaptureEnd> ended() {
            return ended;
        }

        @Override
        public void stop(String reason) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }

        @Override
        public void housekeeping() {
            housekeeping++;
        }

        void exit(int code) {
            ended.complete(new CaptureEnd("exited", OptionalInt.of(code), List.of("boom"), null));
        }
    }

    static final class FakeSource implements CaptureSource {
        final List<FakeRun> runs = new ArrayList<>();
        IOException failNextStart;

        @Override
        public CaptureRun start(FrameSink sink) throws IOException {
            if (failNextStart != null) {
                IOException e = failNextStart;
                failNextStart = null;
                throw e;
            }
            FakeRun r = new FakeRun();
            r.sink = sink;
            runs.add(r);
            return r;
        }

        @Override
        public String describe() {
            return "fake";
        }

        FakeRun last() {
            return runs.get(runs.size() - 1);
        }
    }

    static final class RecordingSink implements FrameSink {
        int published;
        int discontinuities;

        @Override
        public void publish(AccessUnit au) {
            published++;
        }

        @Override
        public void discontinuity() {
            discontinuities++;
        }
    }

    private static AccessUnit picture() {
        return AccessUnit.of(0, true, List.of(new byte[] {0x65, (byte) 0x88}));
    }

    /** Fails the current run and returns the delay after which the next start happened. */
    private Duration failAndMeasureRestart() {
        int before = supervisor.starts();
        source.last().exit(1);
        scheduler.runDue();
        Duration delay = supervisor.lastRestartDelay().orElseThrow();
        if (delay.toNanos() > 1) {
            scheduler.advance(delay.minusNanos(1));
            assertEquals(before, supervisor.starts(), "not restarted before the backoff delay");
        }
        scheduler.advance(Duration.ofNanos(1));
        assertEquals(before + 1, supervisor.starts(), "restarted once the delay has passed");
        return delay;
    }

    @Test
    void backoffDoublesWithFullJitterUpToTheCapAndResetsAfterAStableRun() {
        supervisor.start();
        scheduler.runDue();
        assertEquals(1, supervisor.starts());
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            millis.add(failAndMeasureRestart().toMillis());
        }
        // random just under 1: each delay is just under its ceiling 0.5, 1, 2, 4, then the 5 s cap
        assertEquals(List.of(499L, 999L, 1998L, 3996L, 4995L, 4995L), millis);
        random = 0.25;
        assertEquals(1250, failAndMeasureRestart().toMillis(), "a quarter of the capped ceiling");

        // a run that delivers pictures for longer than STABLE_AFTER resets the sequence
        random = 0.999;
        FakeRun stable = source.last();
        for (int s = 0; s < CaptureSupervisor.STABLE_AFTER.toSeconds() + 1; s++) {
            stable.sink.publish(picture());
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertNull(stable.stopReason, "pictures keep the watchdog quiet");
        assertTrue(stable.housekeeping > 20, "housekeeping runs while the run lives");
        assertEquals(499, failAndMeasureRestart().toMillis());
        assertEquals(CaptureSupervisor.STABLE_AFTER.toSeconds() + 1, supervisor.stats().snapshot().frames());
    }

    @Test
    void zeroJitterRestartsAtOnce() {
        random = 0;
        supervisor.start();
        scheduler.runDue();
        assertEquals(Duration.ZERO, failAndMeasureRestart());
    }

    @Test
    void watchdogStopsARunThatDeliversNothingAndTheRestartFollows() {
        supervisor.start();
        scheduler.runDue();
        FakeRun run = source.last();
        scheduler.advance(FRAME_TIMEOUT.minusMillis(300));
        assertNull(run.stopReason);
        run.sink.publish(picture());
        scheduler.advance(FRAME_TIMEOUT.minusMillis(300));
        assertNull(run.stopReason, "the last picture restarted the timeout");
        scheduler.advance(Duration.ofMillis(1300));
        assertTrue(run.stopReason.contains("capture.frameTimeout"), run.stopReason);
        assertTrue(run.stopReason.startsWith("no picture for 5."), run.stopReason);
        // the run ends when its process is gone
        run.ended.complete(new CaptureEnd(run.stopReason, OptionalInt.of(143), List.of(), null));
        scheduler.runDue();
        assertEquals(143, supervisor.lastEnd().orElseThrow().exitCode().getAsInt());
        assertEquals(1, sink.discontinuities);
        scheduler.advance(MAX);
        assertEquals(2, supervisor.starts());
        assertEquals(1, sink.published);
    }

    @Test
    void refusedStreamWaitsTheMaximumBeforeTryingAgain() {
        supervisor.start();
        scheduler.runDue();
        source.last().ended.complete(new CaptureEnd("B-frames", OptionalInt.of(143), List.of(),
                new UnsupportedStreamException(AccessUnitAssembler.B_FRAMES_MESSAGE)));
        scheduler.runDue();
        assertEquals(MAX, supervisor.lastRestartDelay().orElseThrow());
    }

    @Test
    void failedStartIsRetriedWithBackoff() {
        source.failNextStart = new IOException("'capture.command' cannot be started (rpicam-vid): error=2");
        try (LogRecorder log = new LogRecorder(CaptureSupervisor.class)) {
            supervisor.start();
            scheduler.runDue();
            assertEquals(0, source.runs.size());
            assertTrue(supervisor.lastEnd().orElseThrow().reason().contains("cannot be started"));
            assertEquals(1, log.matching("cannot be started").size(), log.messages().toString());
            scheduler.advance(Duration.ofSeconds(1));
            assertEquals(1, source.runs.size());
        }
    }

    @Test
    void stopEndsTheRunAndNeverRestarts() {
        supervisor.start();
        scheduler.runDue();
        FakeRun run = source.last();
        CompletableFuture<Void> stopped = supervisor.stop();
        scheduler.runDue();
        assertEquals("the agent is shutting down", run.stopReason);
        assertFalse(stopped.isDone(), "stopped only once the run has ended");
        run.exit(143);
        scheduler.runDue();
        assertTrue(stopped.isDone());
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(1, supervisor.starts());
        assertEquals(0, scheduler.pending(), "no timers left behind");
    }
}
