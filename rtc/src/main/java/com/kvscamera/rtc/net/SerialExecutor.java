package com.kvscamera.rtc.net;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared delegate (usually the injected scheduler).
 * This is how one logical thread owns an agent's state without a dedicated OS thread per session.
 * A task that throws is logged and does not stop the queue.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private final Executor delegate;
    private final String name;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean closed;
    private volatile Thread current;

    public SerialExecutor(Executor delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            if (closed) return; // late events after close are dropped on purpose
            queue.add(task);
            if (running) return;
            running = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                running = false;
                queue.clear();
            }
        }
    }

    /** True when called from inside a task of this executor. */
    public boolean inLoop() {
        return current == Thread.currentThread();
    }

    /** Drops queued tasks and refuses new ones. */
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.clear();
        }
    }

    private void drain() {
        current = Thread.currentThread();
        try {
            for (int i = 0; i < 64; i++) { // yield the delegate thread now and then
                Runnable r;
                synchronized (queue) {
                    r = queue.poll();
                    if (r == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    r.run();
                } catch (Throwable t) {
                    LOG.warn("{}: task failed", name, t);
                }
            }
        } finally {
            current = null;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                running = false;
                queue.clear();
            }
        }
    }
}
