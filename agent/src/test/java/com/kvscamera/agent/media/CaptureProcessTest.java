package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static com.kvscamera.agent.media.RealProcesses.await;
import static com.kvscamera.agent.media.RealProcesses.withArgument;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor driving real child processes: real time here, polled against deadlines. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CaptureProcessTest {
    /** Two threads, as the agent's shared timer pool has: the supervisor must not rely on a single thread. */
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
            r -> new Thread(r, "capture-timers"));
    private final Scheduler scheduler = Scheduler.of(executor);
    private final MediaClock clock = new MediaClock(scheduler);
    private final FrameFanout fanout = new FrameFanout(scheduler);
    private CaptureSupervisor supervisor;

    @AfterEach
    void tearDown() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
        await("capture threads to end", Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("capture-reader") || t.getName().startsWith("capture-stderr")));
    }

    private CaptureSupervisor supervise(List<String> command, Duration frameTimeout, Duration backoffMax) {
        supervisor = new CaptureSupervisor(new CaptureProcess(command, clock, scheduler), fanout, frameTimeout,
                backoffMax, scheduler, Math::random);
        supervisor.start();
        return supervisor;
    }

    private static Path clipFile(Path dir) throws Exception {
        Path clip = dir.resolve("clip.h264");
        try (InputStream in = CaptureProcessTest.class.getClassLoader().getResourceAsStream(FileSource.BUNDLED_CLIP)) {
            Files.copy(in, clip);
        }
        return clip;
    }

    private static List<ProcessHandle> sleepers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                .collect(Collectors.toList());
    }

    @Test
    void exitCodeAndStderrTailAreLoggedAndTheCommandRestartsWithBackoff() throws Exception {
        try (LogRecorder log = new LogRecorder(CaptureSupervisor.class)) {
            supervise(List.of("sh", "-c", "echo 'opening camera' >&2; echo 'fatal: no camera found' >&2; exit 7"),
                    Duration.ofSeconds(10), Duration.ofMillis(200));
            await("three starts", Duration.ofSeconds(20), () -> supervisor.starts() >= 3);
            CaptureEnd end = supervisor.lastEnd().orElseThrow();
            assertEquals(7, end.exitCode().getAsInt());
            assertEquals("exited", end.reason());
            assertEquals(List.of("opening camera", "fatal: no camera found"), end.stderrTail());
            List<String> lines = log.matching("(exit code 7)");
            assertTrue(lines.size() >= 2, log.messages().toString());
            assertTrue(lines.get(0).contains("fatal: no camera found"), lines.get(0));
            assertTrue(lines.get(0).contains("restart 1 in"), lines.get(0));
            assertTrue(supervisor.lastRestartDelay().orElseThrow().compareTo(Duration.ofMillis(200)) <= 0);
        }
    }

    @Test
    void watchdogKillsACommandThatStopsProducingAndRestartsIt(@TempDir Path dir) throws Exception {
        Path clip = clipFile(dir);
        ViewerQueue viewer = fanout.subscribe("v", 1000);
        // writes 120 pictures at once, then hangs with stdout open (the sleep is a child of sh)
        supervise(List.of("sh", "-c", "cat '" + clip + "'; sleep 1000"), Duration.ofMillis(700),
                Duration.ofMillis(100));
        await("a restart by the watchdog", Duration.ofSeconds(20), () -> supervisor.starts() >= 2);
        CaptureEnd end = supervisor.lastEnd().orElseThrow();
        assertTrue(end.reason().startsWith("no picture for"), end.reason());
        assertTrue(end.reason().contains("capture.frameTimeout"), end.reason());
        assertEquals(143, end.exitCode().getAsInt(), "sh was ended by SIGTERM");
        // the last picture of a run is only complete at end of stream, so 119 of 120 come through
        assertTrue(viewer.backlog() >= 119, "pictures delivered: " + viewer.backlog());
        AccessUnit first = viewer.poll();
        assertTrue(first.keyframe());
        assertTrue(supervisor.stats().snapshot().frames() >= 119);
        await("the first run's sleep to be gone", Duration.ofSeconds(10), () -> sleepers().size() <= 1);
    }

    @Test
    void shutdownStopsTheWholeProcessTree() throws Exception {
        supervise(List.of("sh", "-c", "sleep 1000 & sleep 1000"), Duration.ofSeconds(60), Duration.ofSeconds(1));
        await("two sleeping children", Duration.ofSeconds(10), () -> sleepers().size() == 2);
        List<ProcessHandle> children = sleepers();
        long t0 = System.nanoTime();
        supervisor.close();
        long closeMillis = (System.nanoTime() - t0) / 1_000_000;
        await("every process of the tree to exit", Duration.ofSeconds(5),
                () -> children.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(sleepers().isEmpty());
        assertEquals("the agent is shutting down", supervisor.lastEnd().orElseThrow().reason());
        assertTrue(closeMillis < 3 * CaptureProcess.STOP_GRACE.toMillis(), "close took " + closeMillis + " ms");
        assertEquals(1, supervisor.starts());
    }

    @Test
    void aCommandIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        supervise(List.of("sh", "-c", "trap '' TERM; echo ready >&2; while :; do sleep 0.1; done"),
                Duration.ofSeconds(60), Duration.ofSeconds(1));
        await("the command to run", Duration.ofSeconds(10), () -> !sleepers().isEmpty());
        long t0 = System.nanoTime();
        supervisor.close();
        long closeMillis = (System.nanoTime() - t0) / 1_000_000;
        CaptureEnd end = supervisor.lastEnd().orElseThrow();
        assertEquals(137, end.exitCode().getAsInt(), "SIGKILL after SIGTERM was ignored");
        assertTrue(closeMillis >= CaptureProcess.STOP_GRACE.toMillis() - 100, "close took " + closeMillis + " ms");
        assertTrue(closeMillis < 3 * CaptureProcess.STOP_GRACE.toMillis(), "close took " + closeMillis + " ms");
        await("no sleeper left", Duration.ofSeconds(5), () -> sleepers().isEmpty());
    }

    @Test
    void bFrameStreamIsRefusedWithTheFixAndRetriedAtTheMaximumDelay() throws Exception {
        try (LogRecorder log = new LogRecorder(CaptureSupervisor.class)) {
            supervise(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                    "testsrc=size=320x240:rate=30", "-t", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-profile:v", "main", "-bf", "2", "-f", "h264", "-"),
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
            await("the stream to be refused", Duration.ofSeconds(20), () -> supervisor.lastEnd().isPresent());
            CaptureEnd end = supervisor.lastEnd().orElseThrow();
            assertTrue(end.refused());
            assertTrue(end.reason().contains("'-bf 0'"), end.reason());
            assertEquals(Duration.ofSeconds(30), supervisor.lastRestartDelay().orElseThrow());
            assertFalse(log.matching("B-frames").isEmpty());
        }
    }

    @Test
    void aLeftoverChildHoldingStdoutIsStoppedWithTheCommand() throws Exception {
        // sh exits at once and leaves a background sleep holding the stdout pipe, re-parented at once (the
        // subshell exits), so never our descendant; it is still in the command's process group.
        String marker = "1234.5";
        supervise(List.of("sh", "-c", "(sleep " + marker + " &); exit 3"), Duration.ofSeconds(30), Duration.ofSeconds(30));
        try {
            await("the run to end", Duration.ofSeconds(15), () -> supervisor.lastEnd().isPresent());
            CaptureEnd end = supervisor.lastEnd().orElseThrow();
            assertEquals(3, end.exitCode().getAsInt());
            assertEquals("exited", end.reason(), "ended by end of stream, not abandoned");
            await("the leftover sleep to be stopped", Duration.ofSeconds(5), () -> withArgument(marker).isEmpty());
        } finally {
            supervisor.close();
            withArgument(marker).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void orphanThatLeftTheGroupDoesNotHangTheRun() throws Exception {
        // The child makes a session of its own (as a daemon would): nothing can find it any more. The run still
        // ends once the command has exited (its reader, blocked on the pipe the orphan holds, is abandoned), with
        // the command's own exit code.
        String marker = "1234.25";
        supervise(List.of("sh", "-c", "setsid sleep " + marker + " & exit 3"), Duration.ofSeconds(30),
                Duration.ofMillis(200));
        try {
            await("the run to end", Duration.ofSeconds(15), () -> supervisor.lastEnd().isPresent());
            CaptureEnd end = supervisor.lastEnd().orElseThrow();
            assertEquals(3, end.exitCode().getAsInt());
            assertTrue(end.reason().startsWith("exited"), end.reason());
            await("a restart", Duration.ofSeconds(40), () -> supervisor.starts() >= 2);
        } finally {
            // Stop first: a restart after the kill below would leave a new orphan (and its blocked reader) behind.
            supervisor.close();
            withArgument(marker).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void missingCommandIsReportedWithTheKey() throws Exception {
        supervise(List.of("/nonexistent/rpicam-vid", "-o", "-"), Duration.ofSeconds(10), Duration.ofMillis(50));
        await("two attempts", Duration.ofSeconds(10), () -> supervisor.starts() >= 2);
        String reason = supervisor.lastEnd().orElseThrow().reason();
        assertTrue(reason.startsWith("'capture.command' cannot be started (/nonexistent/rpicam-vid)"), reason);
    }
}
