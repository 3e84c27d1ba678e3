package com.kvscamera.agent.session;

import com.kvscamera.agent.signaling.OfferHandler;
import com.kvscamera.agent.signaling.SignalingOut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one session per viewer client id. Every entry point only queues work on the {@code session-manager}
 * thread, which alone owns the session map, so the signaling control thread is never held up.
 * <ul>
 *   <li>a new offer from a client id that has a session replaces (closes) the old one;</li>
 *   <li>beyond {@code maxViewers} open sessions, offers are refused with a log line;</li>
 *   <li>while privacy is on, offers are refused and no session is open.</li>
 * </ul>
 */
public final class SessionManager implements OfferHandler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SessionManager.class.getName());

    private final SessionSettings settings;
    private final ViewerSessionFactory factory;
    private final ExecutorService control;
    private final ExecutorService events;
    private final List<Consumer<SessionEvent>> listeners = new CopyOnWriteArrayList<>();

    // owned by the control thread
    private final Map<String, ViewerSession> sessions = new HashMap<>();
    private boolean privacy;
    private boolean closed;

    // read by status reporting from any thread
    private volatile int openSessions;
    private final LongAdder bytesOfClosedSessions = new LongAdder();
    private final LongAdder offersRefused = new LongAdder();
    private final LongAdder sessionsStarted = new LongAdder();
    private volatile List<ViewerSession> snapshot = List.of();
    /** Sessions created and not yet reported closed (replaced ones included): close() waits for them. */
    private final Object liveLock = new Object();
    private int live;

    public SessionManager(SessionSettings settings, ViewerSessionFactory factory) {
        this(settings, factory, Executors.newSingleThreadExecutor(r -> daemon(r, "session-manager")),
                Executors.newSingleThreadExecutor(r -> daemon(r, "session-events")));
    }

    /** @param control owns the session map (serial); {@code events} delivers listener calls; both shut down by close */
    SessionManager(SessionSettings settings, ViewerSessionFactory factory, ExecutorService control,
                   ExecutorService events) {
        this.settings = settings;
        this.factory = factory;
        this.control = control;
        this.events = events;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void addListener(Consumer<SessionEvent> l) {
        listeners.add(l);
    }

    /** An SDP offer from {@code clientId}; the answer (and candidates, if the offer trickles) go to {@code out}. */
    @Override
    public void onOffer(String clientId, String sdp, SignalingOut out) {
        run(() -> acceptOffer(clientId, sdp, out));
    }

    /** A trickled candidate from {@code clientId}; ignored when no session exists for it. */
    @Override
    public void onRemoteCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex) {
        run(() -> {
            ViewerSession s = sessions.get(clientId);
            if (s == null) {
                LOG.fine(() -> "candidate from " + clientId + " without a session, ignored");
            } else {
                s.addRemoteCandidate(candidate);
            }
        });
    }

    /** Privacy on: refuse new sessions and close the open ones. Privacy off: accept offers again. */
    public void setPrivacy(boolean on) {
        run(() -> {
            if (privacy == on) return;
            privacy = on;
            LOG.info(on ? "privacy on: closing " + sessions.size() + " session(s), refusing offers"
                        : "privacy off: accepting offers");
            if (on) closeAll("privacy");
        });
    }

    private void acceptOffer(String clientId, String sdp, SignalingOut out) {
        if (closed) return;
        if (privacy) {
            refuse(clientId, "privacy mode is on");
            return;
        }
        ViewerSession old = sessions.remove(clientId);
        if (old != null) {
            LOG.info("new offer from " + clientId + " replaces its open session");
            old.close("replaced by a new offer");
        }
        if (sessions.size() >= settings.maxViewers()) {
            refuse(clientId, "webrtc.maxViewers=" + settings.maxViewers() + " sessions are open");
            updateSnapshot();
            return;
        }
        ViewerSession s;
        try {
            s = factory.create(clientId, sdp, out, new Listener());
        } catch (RuntimeException e) {
            refuse(clientId, "session could not be created: " + e.getMessage());
            updateSnapshot();
            return;
        }
        sessions.put(clientId, s);
        synchronized (liveLock) {
            live++;
        }
        sessionsStarted.increment();
        updateSnapshot();
        emit(new SessionEvent(SessionEvent.Kind.SESSION_STARTED, clientId, ""));
        s.start();
    }

    private void refuse(String clientId, String why) {
        offersRefused.increment();
        LOG.warning("offer from " + clientId + " refused: " + why);
        emit(new SessionEvent(SessionEvent.Kind.OFFER_REFUSED, clientId, why));
    }

    private final class Listener implements SessionListener {
        @Override
        public void onConnected(ViewerSession session) {
            emit(new SessionEvent(SessionEvent.Kind.SESSION_CONNECTED, session.clientId(), ""));
        }

        @Override
        public void onClosed(ViewerSession session, String reason) {
            synchronized (liveLock) {
                live--;
                liveLock.notifyAll();
            }
            run(() -> {
                // a replaced session is already out of the map; only remove the entry if it is still this one
                sessions.remove(session.clientId(), session);
                bytesOfClosedSessions.add(session.stats().bytesSent.sum());
                updateSnapshot();
            });
            emit(new SessionEvent(SessionEvent.Kind.SESSION_CLOSED, session.clientId(), reason));
        }
    }

    private void closeAll(String reason) {
        List<ViewerSession> all = new ArrayList<>(sessions.values());
        sessions.clear();
        updateSnapshot();
        for (ViewerSession s : all) s.close(reason);
    }

    private void updateSnapshot() {
        snapshot = List.copyOf(sessions.values());
        openSessions = sessions.size();
    }

    private void run(Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "session manager task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine("session manager closed; event dropped");
        }
    }

    private void emit(SessionEvent e) {
        if (listeners.isEmpty()) return;
        try {
            events.execute(() -> {
                for (Consumer<SessionEvent> l : listeners) {
                    try {
                        l.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "session event listener failed", ex);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // shutting down: nobody is listening any more
        }
    }

    /** Open sessions (negotiating or streaming). */
    public int viewers() {
        return openSessions;
    }

    public long offersRefused() {
        return offersRefused.sum();
    }

    public long sessionsStarted() {
        return sessionsStarted.sum();
    }

    /** Counters of the open session of {@code clientId}, if there is one. */
    public java.util.Optional<SessionStats> stats(String clientId) {
        for (ViewerSession s : snapshot) {
            if (s.clientId().equals(clientId)) return java.util.Optional.of(s.stats());
        }
        return java.util.Optional.empty();
    }

    /** Bytes of media sent by every session since start, open and closed. */
    public long bytesSent() {
        long open = 0;
        for (ViewerSession s : snapshot) open += s.stats().bytesSent.sum();
        return bytesOfClosedSessions.sum() + open;
    }

    /**
     * Closes every session and stops the manager's threads, waiting at most {@code timeoutMs} until every session
     * has freed its sockets and threads (so that what the sessions still use, like the shared timers, can be
     * stopped after this returns).
     */
    public void close(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        run(() -> {
            closed = true;
            closeAll("agent shutting down");
        });
        control.shutdown();
        try {
            control.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
            synchronized (liveLock) {
                long left;
                while (live > 0 && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(liveLock, left);
                }
                if (live > 0) LOG.warning(live + " session(s) still closing after " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdown();
    }

    @Override
    public void close() {
        close(5000);
    }
}
