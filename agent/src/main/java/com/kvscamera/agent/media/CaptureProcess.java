package com.kvscamera.agent.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code capture.command} and turns its stdout (H.264 Annex B) into access units.
 *
 * <p>Each run has one owner, its reader thread ({@code capture-reader-<pid>}): it reads stdout to the end, then
 * makes sure the process tree is gone, reaps the exit code and completes {@link CaptureRun#ended()}. stderr is
 * drained on {@code capture-stderr-<pid>} into a tail for the log. Stopping sends SIGTERM to the whole tree and
 * SIGKILL to whatever is left {@link #STOP_GRACE} later.
 *
 * <p>The command leads its own process group, so children are found by group as well as with {@link
 * ProcessHandle#descendants()} while the command runs (at stop, and once a second through {@link
 * CaptureRun#housekeeping()}); a child that outlives the command is stopped with it. Only a child that also leaves
 * the group (a daemon calling setsid) before it was seen cannot be found; if it keeps stdout open, the run still ends
 * two grace periods after the command exits and its reader thread is abandoned (pictures it might still read are
 * dropped).
 */
public final class CaptureProcess implements CaptureSource {
    /** rpicam-vid and ffmpeg finish a file and exit within a second of SIGTERM; after this they are killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(CaptureProcess.class);

    private final List<String> command;
    private final MediaClock clock;
    private final Scheduler scheduler;

    public CaptureProcess(List<String> command, MediaClock clock, Scheduler scheduler) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("'capture.command' must not be empty");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public String describe() {
        return String.join(" ", command);
    }

    @Override
    public CaptureRun start(FrameSink sink) throws IOException {
        Process process;
        try {
            // checked here because setsid, not the JVM, would be the one to fail, with a less useful message
            requireExecutable(command.get(0));
            process = new ProcessBuilder(ProcessTree.inOwnGroup(command)).start();
        } catch (IOException e) {
            throw new IOException("'capture.command' cannot be started (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Run run = new Run(process, sink);
        run.begin();
        return run;
    }

    private static void requireExecutable(String program) throws IOException {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (Programs.find(program, path) == null) {
            throw new IOException(program.contains("/") ? "no such executable file"
                    : "not found in PATH (" + path + ") or not executable");
        }
    }

    private final class Run implements CaptureRun {
        private final Process process;
        private final FrameSink sink;
        private final Set<ProcessHandle> seenDescendants = ConcurrentHashMap.newKeySet();
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        private final CompletableFuture<CaptureEnd> ended = new CompletableFuture<>();
        private final StderrTail stderr;
        private final Thread stderrThread;
        private volatile Throwable error;

        Run(Process process, FrameSink sink) {
            this.process = process;
            this.sink = sink;
            this.stderr = new StderrTail(process.getErrorStream(), "capture[" + process.pid() + "]");
            this.stderrThread = new Thread(stderr, "capture-stderr-" + process.pid());
            stderrThread.setDaemon(true);
        }

        void begin() {
            try {
                process.getOutputStream().close(); // the command gets no input; ffmpeg would read keys from it
            } catch (IOException e) {
                LOG.debug("closing capture stdin: {}", e.toString());
            }
            stderrThread.start();
            Thread reader = new Thread(this::readAndReap, "capture-reader-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            process.onExit().thenRun(this::onProcessExit);
        }

        @Override
        public CompletableFuture<CaptureEnd> ended() {
            return ended;
        }

        @Override
        public void stop(String reason) {
            stopReason.compareAndSet(null, reason);
            Set<ProcessHandle> members = ProcessTree.members(process.toHandle(), seenDescendants);
            ProcessTree.terminate(members);
            scheduler.schedule(STOP_GRACE, () -> {
                members.addAll(ProcessTree.group(process.pid())); // forked after the SIGTERM round, if any
                int killed = ProcessTree.kill(members);
                if (killed > 0) {
                    LOG.warn("capture command did not stop within {} s of SIGTERM: killed {} process(es)",
                            STOP_GRACE.toSeconds(), killed);
                }
            });
        }

        @Override
        public void housekeeping() {
            if (process.isAlive()) {
                process.descendants().forEach(seenDescendants::add);
            }
            seenDescendants.removeIf(p -> !p.isAlive());
        }

        private void readAndReap() {
            try (InputStream in = process.getInputStream()) {
                AnnexBReader reader = new AnnexBReader(in, AnnexBReader.DEFAULT_MAX_NAL_SIZE, clock.ticker());
                AccessUnitAssembler assembler = new AccessUnitAssembler(clock, this::publish);
                for (byte[] nal; (nal = reader.next()) != null; ) {
                    assembler.push(nal, reader.arrivalNanos());
                }
                assembler.flush();
            } catch (IOException | RuntimeException e) {
                if (stopReason.get() == null) {
                    error = e;
                }
            }
            boolean interrupted = false;
            if (error != null) {
                stop(describe(error));
            } else {
                try {
                    // end of stdout usually means the command is exiting: give it the chance to report its own code
                    if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        stop("closed its stdout but kept running");
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop("interrupted");
                }
            }
            while (true) {
                try {
                    process.waitFor(); // bounded: stop() escalates to SIGKILL
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            try {
                stderrThread.join(STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                interrupted = true;
            }
            finish(null);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void publish(AccessUnit au) {
            if (!ended.isDone()) {
                sink.publish(au);
            }
        }

        /** The command exited: its children are orphans now; stop them, they may hold stdout open. */
        private void onProcessExit() {
            Set<ProcessHandle> orphans = new java.util.HashSet<>(seenDescendants);
            orphans.addAll(ProcessTree.group(process.pid()));
            orphans.forEach(ProcessHandle::destroy);
            scheduler.schedule(STOP_GRACE, () -> {
                ProcessTree.kill(orphans);
                scheduler.schedule(STOP_GRACE, () -> finish(
                        "a leftover child process of the command still holds its stdout open"));
            });
        }

        private static String describe(Throwable e) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }

        private void finish(String stuck) {
            if (ended.isDone()) {
                return;
            }
            String reason = stopReason.get();
            if (reason == null) {
                reason = error != null ? describe(error) : "exited";
            }
            if (stuck != null) {
                reason = reason + "; " + stuck;
            }
            OptionalInt code = process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
            ended.complete(new CaptureEnd(reason, code, stderr.lines(), error));
        }
    }
}
