package com.kvscamera.agent.media;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The few scheduling operations media code needs, with the time they are measured against. Declared here (rather than
 * using {@link ScheduledExecutorService} directly) so a test can supply a manual scheduler and advance time instantly.
 */
public interface Scheduler extends Ticker {

    /** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Duration delay, Runnable task);

    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** Runs tasks on {@code executor} (thread names are the caller's choice); time is System.nanoTime. */
    static Scheduler of(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return new Scheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
        };
    }
}
