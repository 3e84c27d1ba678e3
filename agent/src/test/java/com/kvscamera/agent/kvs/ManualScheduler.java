package com.kvscamera.agent.kvs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A ScheduledExecutorService driven by a {@link ManualClock}: nothing runs until {@link #runDue()} or
 * {@link #advance(Duration)}, which runs every task due by then in time order on the calling thread. Lets a test
 * walk through a 45-minute or TTL timeline in milliseconds.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long seq;
    private boolean shutdown;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** Runs everything due now (including tasks those tasks submit for now). */
    public synchronized int runDue() {
        int ran = 0;
        while (!queue.isEmpty() && !queue.peek().due.isAfter(clock.instant())) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            ran++;
            t.body.run();
            if (t.period != null && !t.cancelled) {
                t.due = t.due.plus(t.period);
                queue.add(t);
            }
        }
        return ran;
    }

    /** Moves the clock forward by {@code d}, stopping at each due task so tasks see their own due time. */
    public synchronized void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        runDue();
        while (true) {
            Task next = queue.stream().filter(t -> !t.cancelled).min(Task::compareTo).orElse(null);
            if (next == null || next.due.isAfter(end)) {
                break;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            runDue();
        }
        clock.set(end);
        runDue();
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public synchronized void execute(Runnable command) {
        add(command, Duration.ZERO, null);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, Duration.ofNanos(unit.toNanos(delay)), null);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by the code under test");
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, Duration.ofNanos(unit.toNanos(initialDelay)), Duration.ofNanos(unit.toNanos(period)));
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    private Task add(Runnable r, Duration delay, Duration period) {
        Task t = new Task(r, clock.instant().plus(delay), period, seq++);
        queue.add(t);
        return t;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final Duration period;
        final long order;
        Instant due;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable body, Instant due, Duration period, long order) {
            this.period = period;
            this.body = () -> {
                body.run();
                if (period == null) {
                    done = true;
                }
            };
            this.due = due;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task t = (Task) o;
            int c = due.compareTo(t.due);
            return c != 0 ? c : Long.compare(order, t.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
