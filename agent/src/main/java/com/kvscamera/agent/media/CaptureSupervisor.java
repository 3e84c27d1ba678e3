package com.kvscamera.agent.media;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one capture source running: starts it, restarts it with full-jitter exponential backoff when it ends, and
 * stops it (watchdog) when no picture arrived for {@code frameTimeout}. The source only fails; restarts happen here.
 *
 * <p>Control state is only touched by the supervisor's scheduled tasks, which take a private lock so they run one at a
 * time even on a multi-threaded scheduler; nothing under it blocks (starting a process or signalling one is quick).
 * The source's threads only touch the volatile last-picture time and the stats.
 */
public final class CaptureSupervisor implements AutoCloseable {
    /** First restart waits up to this long; each failure doubles it up to restartBackoffMax. */
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    /** A run that delivered pictures this long counts as healthy: the next failure starts the backoff afresh. */
    public static final Duration STABLE_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CaptureSupervisor.class);

    private final CaptureSource source;
    private final FrameSink sink;
    private final Duration frameTimeout;
    private final Duration backoffMax;
    private final Scheduler scheduler;
    private final DoubleSupplier random;
    private final CaptureStats stats;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicLong framesThisRun = new AtomicLong();
    private volatile long lastFrameNanos;
    private volatile CaptureEnd lastEnd;
    private volatile Duration lastDelay;

    private final Object lock = new Object();
    // guarded by lock
    private CaptureRun current;
    private boolean stopSent;
    private long runStartNanos;
    private int failures;
    private boolean closing;
    private Scheduler.Scheduled watchdog;
    private Scheduler.Scheduled restart;

    private final FrameSink counting = new FrameSink() {
        @Override
        public void publish(AccessUnit au) {
            lastFrameNanos = scheduler.nanoTime();
            framesThisRun.incrementAndGet();
            stats.record(au);
            sink.publish(au);
        }
    };

    /**
     * @param random uniform in [0, 1), for the jitter
     */
    public CaptureSupervisor(CaptureSource source, FrameSink sink, Duration frameTimeout, Duration restartBackoffMax,
                             Scheduler scheduler, DoubleSupplier random) {
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.frameTimeout = Objects.requireNonNull(frameTimeout, "frameTimeout");
        this.backoffMax = Objects.requireNonNull(restartBackoffMax, "restartBackoffMax");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.stats = new CaptureStats(scheduler);
    }

    public void start() {
        scheduler.execute(this::launch);
    }

    public CaptureStats stats() {
        return stats;
    }

    /** How many times the source was started. */
    public int starts() {
        return starts.get();
    }

    public Optional<CaptureEnd> lastEnd() {
        return Optional.ofNullable(lastEnd);
    }

    /** The delay chosen for the most recent restart. */
    public Optional<Duration> lastRestartDelay() {
        return Optional.ofNullable(lastDelay);
    }

    /** Stops the source for good; the future completes once its process tree is gone. */
    public CompletableFuture<Void> stop() {
        scheduler.execute(() -> {
            synchronized (lock) {
                if (closing) {
                    return;
                }
                closing = true;
                cancel(restart);
                cancel(watchdog);
                if (current == null) {
                    stopped.complete(null);
                } else {
                    current.stop("the agent is shutting down");
                }
            }
        });
        return stopped;
    }

    /** {@link #stop()} and wait for it (bounded: the source escalates to SIGKILL after its grace period). */
    @Override
    public void close() {
        try {
            stop().get(CaptureProcess.STOP_GRACE.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("capture did not stop cleanly: {}", e.toString());
        }
    }

    /** Full jitter: uniform in [0, min(max, initial * 2^(failures-1))]. */
    static Duration backoff(int failures, Duration max, double random) {
        long capNanos = max.toNanos();
        long base = INITIAL_BACKOFF.toNanos();
        int shift = Math.min(Math.max(failures - 1, 0), 40);
        long ceiling = base > (capNanos >> shift) ? capNanos : Math.min(capNanos, base << shift);
        return Duration.ofNanos((long) (ceiling * random));
    }

    private void launch() {
        synchronized (lock) {
            restart = null;
            if (closing) {
                return;
            }
            starts.incrementAndGet();
            runStartNanos = scheduler.nanoTime();
            lastFrameNanos = runStartNanos;
            framesThisRun.set(0);
            stopSent = false;
            CaptureRun run;
            try {
                run = source.start(counting);
            } catch (Exception e) {
                ended(null, new CaptureEnd(e.getMessage(), OptionalInt.empty(), List.of(), e));
                return;
            }
            current = run;
            run.ended().thenAccept(end -> scheduler.execute(() -> ended(run, end)));
            watchdog = scheduler.schedule(tickInterval(), this::tick);
        }
    }

    private Duration tickInterval() {
        Duration quarter = frameTimeout.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofMillis(20)) < 0 ? Duration.ofMillis(20) : quarter;
    }

    private void tick() {
        synchronized (lock) {
            CaptureRun run = current;
            if (run == null || closing) {
                return;
            }
            try {
                run.housekeeping();
                long silentNanos = scheduler.nanoTime() - lastFrameNanos;
                if (!stopSent && silentNanos >= frameTimeout.toNanos()) {
                    stopSent = true;
                    run.stop("no picture for " + seconds(silentNanos) + " (capture.frameTimeout is "
                            + seconds(frameTimeout.toNanos()) + ")");
                }
            } catch (RuntimeException e) {
                LOG.warn("capture watchdog: {}", e.toString(), e);
            } finally {
                if (current == run && !closing) {
                    watchdog = scheduler.schedule(tickInterval(), this::tick);
                }
            }
        }
    }

    private void ended(CaptureRun run, CaptureEnd end) {
        synchronized (lock) {
            if (run != null && run != current) {
                return;
            }
            current = null;
            cancel(watchdog);
            lastEnd = end;
            sink.discontinuity();
            long ranNanos = scheduler.nanoTime() - runStartNanos;
            if (ranNanos >= STABLE_AFTER.toNanos() && framesThisRun.get() > 0) {
                failures = 0;
            }
            failures++;
            String exit = end.exitCode().isPresent() ? " (exit code " + end.exitCode().getAsInt() + ")" : "";
            String tail = end.stderrTail().isEmpty() ? ""
                    : "; last stderr lines:\n  " + String.join("\n  ", end.stderrTail());
            if (closing) {
                LOG.info("capture stopped: {}{}", end.reason(), exit);
                stopped.complete(null);
                return;
            }
            Duration delay = end.refused() ? backoffMax : backoff(failures, backoffMax, random.getAsDouble());
            lastDelay = delay;
            LOG.warn("capture '{}' ended after {}: {}{}; {} pictures; restart {} in {} ms{}", source.describe(),
                    seconds(ranNanos), end.reason(), exit, framesThisRun.get(), failures, delay.toMillis(), tail);
            restart = scheduler.schedule(delay, this::launch);
        }
    }

    private static void cancel(Scheduler.Scheduled s) {
        if (s != null) {
            s.cancel();
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
