package com.kvscamera.agent.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of outgoing signaling messages. Paces answers and candidates to the per-connection service
 * quotas (5 and 20 per second) by queueing, never by dropping; keeps a client's candidates behind its pending
 * answer; and writes to whichever socket is attached, so a rotation between an offer and its answer loses
 * nothing. Confined to the control thread.
 */
final class OutboundWriter {
    private static final Logger LOG = Logger.getLogger(OutboundWriter.class.getName());
    /** Memory bound for a long outage; beyond it the oldest candidates go (answers are never dropped). */
    static final int MAX_PENDING = 5_000;

    /** Sent answers kept for a resend when the service reports it throttled them (STATUS_RESPONSE). */
    static final int RECENT_ANSWERS = 64;
    static final int MAX_RESENDS = 2;

    /** A frame on its way out; {@code correlationId} only on answers. */
    record Outgoing(boolean answer, String recipient, String frame, String correlationId, int resends) {
        Outgoing(boolean answer, String recipient, String frame) {
            this(answer, recipient, frame, null, 0);
        }
    }

    private final int answersPerSecond;
    private final int candidatesPerSecond;
    private final Clock clock;
    private final ScheduledExecutorService control;
    private final ArrayDeque<Outgoing> answers = new ArrayDeque<>();
    private final ArrayDeque<Outgoing> candidates = new ArrayDeque<>();
    private final java.util.LinkedHashMap<String, Outgoing> recent = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Outgoing> eldest) {
            return size() > RECENT_ANSWERS;
        }
    };
    private Predicate<String> sink;
    private SendWindow answerWindow;
    private SendWindow candidateWindow;
    private ScheduledFuture<?> wakeup;
    // written by the control thread only; volatile for status readers
    private volatile long sentAnswers;
    private volatile long sentCandidates;
    private volatile int pending;
    private long dropped;

    OutboundWriter(int answersPerSecond, int candidatesPerSecond, Clock clock, ScheduledExecutorService control) {
        this.answersPerSecond = answersPerSecond;
        this.candidatesPerSecond = candidatesPerSecond;
        this.clock = clock;
        this.control = control;
    }

    /** Writes go to {@code socketSend} from now on (a new connection: fresh per-connection quotas). */
    void attach(Predicate<String> socketSend) {
        sink = socketSend;
        answerWindow = new SendWindow(answersPerSecond, clock);
        candidateWindow = new SendWindow(candidatesPerSecond, clock);
        drain();
    }

    /** No socket: keep queueing. */
    void detach() {
        sink = null;
    }

    void enqueue(Outgoing m) {
        if (m.answer()) {
            answers.add(m);
        } else {
            candidates.add(m);
            if (answers.size() + candidates.size() > MAX_PENDING) {
                candidates.poll();
                dropped++;
                if (dropped == 1 || dropped % 1000 == 0) {
                    LOG.warning("signaling send queue full (" + MAX_PENDING + "), dropped " + dropped + " old candidates");
                }
            }
        }
        drain();
    }

    /**
     * The service refused a sent answer (STATUS_RESPONSE for its correlationId): when it was throttled, send it
     * again, first in line (at most {@link #MAX_RESENDS} times). Returns whether it was requeued.
     */
    boolean resendThrottled(String correlationId) {
        Outgoing m = correlationId == null ? null : recent.remove(correlationId);
        if (m == null || m.resends() >= MAX_RESENDS) {
            return false;
        }
        answers.addFirst(new Outgoing(true, m.recipient(), m.frame(), m.correlationId(), m.resends() + 1));
        drain();
        return true;
    }

    int pending() {
        return pending;
    }

    long sentAnswers() {
        return sentAnswers;
    }

    long sentCandidates() {
        return sentCandidates;
    }

    void drain() {
        try {
            drainInner();
        } finally {
            pending = answers.size() + candidates.size();
        }
    }

    private void drainInner() {
        if (sink == null) {
            return;
        }
        while (!answers.isEmpty() && answerWindow.tryTake()) {
            Outgoing m = answers.peek();
            if (!sink.test(m.frame())) {
                sink = null;
                return;
            }
            answers.poll();
            sentAnswers = sentAnswers + 1;
            if (m.correlationId() != null) {
                recent.put(m.correlationId(), m);
            }
        }
        Set<String> blocked = new HashSet<>();
        for (Outgoing a : answers) {
            blocked.add(a.recipient());
        }
        for (Iterator<Outgoing> it = candidates.iterator(); it.hasNext(); ) {
            Outgoing m = it.next();
            if (blocked.contains(m.recipient())) {
                continue;
            }
            if (!candidateWindow.tryTake()) {
                break;
            }
            if (!sink.test(m.frame())) {
                sink = null;
                return;
            }
            it.remove();
            sentCandidates = sentCandidates + 1;
        }
        scheduleWakeup();
    }

    private void scheduleWakeup() {
        if (wakeup != null && !wakeup.isDone()) {
            return;
        }
        Duration wait = null;
        if (!answers.isEmpty()) {
            wait = answerWindow.untilAvailable();
        }
        if (!candidates.isEmpty()) {
            Duration c = candidateWindow.untilAvailable();
            wait = wait == null || c.compareTo(wait) < 0 ? c : wait;
        }
        if (wait == null) {
            return;
        }
        long ms = Math.max(1, wait.toMillis());
        wakeup = control.schedule(() -> {
            try {
                wakeup = null;
                drain();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure in the signaling writer", e);
            }
        }, ms, TimeUnit.MILLISECONDS);
    }
}
