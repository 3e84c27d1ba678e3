package com.kvscamera.agent.testing;

import com.kvscamera.agent.media.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose time moves only in {@link #advance}; due tasks run on the calling thread, in time order.
 * Tasks may be added from any thread. Shared by the device and media tests.
 */
public final class ManualScheduler implements Scheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    // Not zero, so code that keeps 0 as "never" cannot mistake the start for it.
    private long now = 1_000_000_000L;
    private long seq;

    private final class Task implements Comparable<Task>, Scheduled {
        final long due;
        final long order = seq++;
        final Runnable body;
        boolean cancelled;

        Task(long due, Runnable body) {
            this.due = due;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
            }
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        Task t = new Task(now + Math.max(0, delay.toNanos()), task);
        tasks.add(t);
        return t;
    }

    /** Runs everything due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running each task as it falls due (it sees its own due time). */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = tasks.peek();
                if (t == null || t.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = t.due;
                if (t.cancelled) {
                    continue;
                }
            }
            t.body.run();
        }
    }

    /** Tasks scheduled and not cancelled. */
    public synchronized long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
