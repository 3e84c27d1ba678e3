package com.kvscamera.agent.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The serial executor a viewer session runs on, with the lifecycle every engine's session shares: work that arrives
 * after close is dropped, a task that throws closes the session, the timers the session holds are cancelled when it
 * ends, and its release runs exactly once, on the loop (inline when the loop no longer takes work).
 */
public final class SessionLoop {
    private static final Logger LOG = Logger.getLogger(SessionLoop.class.getName());

    private final String clientId;
    private final ExecutorService exec;
    private final Consumer<String> release;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final long createdNanos = System.nanoTime();
    private final List<ScheduledFuture<?>> timersHeld = new ArrayList<>(); // owned by the loop

    /**
     * @param exec    the session's serial executor, shut down after the release (tests pass a same-thread one)
     * @param release frees what the session holds, given the close reason; runs once, on the loop
     */
    public SessionLoop(String clientId, ExecutorService exec, Consumer<String> release) {
        this.clientId = clientId;
        this.exec = exec;
        this.release = release;
    }

    /** A single daemon thread named {@code <prefix>-<client id, up to 24 characters>}. */
    public static ExecutorService thread(String prefix, String clientId) {
        String name = prefix + "-" + (clientId.length() > 24 ? clientId.substring(0, 24) : clientId);
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the loop unless the session is closing. */
    public void execute(Runnable task) {
        if (closing.get()) return;
        try {
            exec.execute(() -> {
                if (closing.get()) return;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "session " + clientId + " failed", e);
                    close("internal error: " + e);
                }
            });
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    public boolean closing() {
        return closing.get();
    }

    /** Cancels {@code f} when the session ends. Call on the loop. */
    public void hold(ScheduledFuture<?> f) {
        timersHeld.add(f);
    }

    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdNanos);
    }

    /** Ends the session: the first call wins, later ones (and all queued work) are dropped. */
    public void close(String reason) {
        if (!closing.compareAndSet(false, true)) return;
        try {
            exec.execute(() -> end(reason));
        } catch (RejectedExecutionException e) {
            end(reason);
        }
    }

    private void end(String reason) {
        for (ScheduledFuture<?> f : timersHeld) f.cancel(false);
        timersHeld.clear();
        exec.shutdown(); // the running task goes on; whatever release triggers later is refused
        release.accept(reason);
    }
}
