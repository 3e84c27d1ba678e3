package com.kvscamera.agent.device;

import com.kvscamera.agent.media.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;

/** Time moves only in {@link #advance}; due tasks run on the calling thread in time order. Tasks may be added from any thread. */
final class ManualScheduler implements Scheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now = 5_000_000_000L;
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

    void runDue() {
        advance(Duration.ZERO);
    }

    void advance(Duration d) {
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
                if (t.cancelled) continue;
            }
            t.body.run();
        }
    }
}
