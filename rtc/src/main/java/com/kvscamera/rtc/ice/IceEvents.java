package com.kvscamera.rtc.ice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an agent's events on its own named thread, in order, so a listener can neither stall nor
 * re-enter the agent's loop (pion/ice's handlerNotifier, style-examples.md §2).
 */
final class IceEvents {
    private static final Logger LOG = LoggerFactory.getLogger(IceEvents.class);
    private final String threadName;
    private final ExecutorService executor;
    final List<Consumer<IceState>> stateListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<IceCandidate>> candidateListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<IceAgent.SelectedPath>> pathListeners = new CopyOnWriteArrayList<>();

    IceEvents(String agentName) {
        this.threadName = agentName + "-events";
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void state(IceState s) {
        for (Consumer<IceState> l : stateListeners) emit(() -> l.accept(s));
    }

    void candidate(IceCandidate c) {
        for (Consumer<IceCandidate> l : candidateListeners) emit(() -> l.accept(c));
    }

    void path(IceAgent.SelectedPath p) {
        for (Consumer<IceAgent.SelectedPath> l : pathListeners) emit(() -> l.accept(p));
    }

    void emit(Runnable r) {
        try {
            executor.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("{}: listener failed", threadName, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: event after close dropped", threadName);
        }
    }

    /** Lets queued events finish, then ends the thread (waits up to 2 s unless called from the thread itself). */
    void close() {
        executor.shutdown();
        if (Thread.currentThread().getName().equals(threadName)) return;
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
