package com.kvscamera.agent.media;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One viewer's pictures, in its own timeline. The producer side ({@link #offer}) never waits: when the bounded queue
 * is full the picture is dropped, counted, and the viewer skips everything up to the next IDR (a P-frame after a gap
 * cannot be decoded). The consumer side ({@link #poll}) is meant for one thread, the viewer's sender.
 *
 * <p>Replayed pictures (the GOP cache on subscribe or on {@link #requestKeyframe()}) are re-stamped 1 ms apart so
 * they decode at once; live pictures keep their spacing, shifted if needed so this viewer's timestamps always
 * increase.
 */
public final class ViewerQueue implements AutoCloseable {
    private static final long NONE = Long.MIN_VALUE;

    private final String name;
    private final FrameFanout owner;
    private final ArrayBlockingQueue<AccessUnit> live;
    private final ConcurrentLinkedQueue<AccessUnit> replay = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean keyframeRequested = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;

    // producer side, guarded by the fanout's lock
    private boolean skipping;
    private boolean countSkips;
    private long droppedSinceLog;
    private long lastLogNanos = NONE;

    // consumer side: this viewer's timeline
    // set by loadReplay (on the subscriber's thread before the queue is handed out, or on the consumer's own)
    private volatile boolean newReplay;
    private volatile long replayLastOriginal;
    private volatile int replaySize;
    private long replayNext = NONE;
    private long lastOut = NONE;
    private long offset;

    ViewerQueue(String name, int capacity, FrameFanout owner) {
        if (capacity < 1) {
            throw new IllegalArgumentException("viewer queue capacity must be at least 1, got " + capacity);
        }
        this.name = name;
        this.owner = owner;
        this.live = new ArrayBlockingQueue<>(capacity);
    }

    public String name() {
        return name;
    }

    /** Pictures this viewer lost because it fell behind (including those skipped until the next IDR). */
    public long dropped() {
        return dropped.sum();
    }

    /** Pictures waiting to be taken. */
    public int backlog() {
        return live.size() + replay.size();
    }

    /**
     * Asks for a fresh start (answer to PLI/FIR): the next {@link #poll} replays the cached GOP, starting at its IDR,
     * then continues live. Rate limiting belongs to the caller (RTCP), since each replay is a burst.
     */
    public void requestKeyframe() {
        keyframeRequested.set(true);
    }

    /** The next picture, waiting up to {@code timeout}; null on timeout or after {@link #close()}. */
    public AccessUnit poll(Duration timeout) throws InterruptedException {
        if (closed) {
            return null;
        }
        if (keyframeRequested.getAndSet(false)) {
            owner.replayTo(this);
        }
        AccessUnit au = replay.poll();
        if (au != null) {
            return retimeReplayed(au);
        }
        au = live.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return au == null || closed ? null : retimeLive(au);
    }

    /** The next picture if one is ready, else null. */
    public AccessUnit poll() {
        try {
            return poll(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Leaves the fan-out and releases every queued picture. Idempotent. */
    @Override
    public void close() {
        closed = true;
        owner.unsubscribe(this);
        live.clear();
        replay.clear();
    }

    // ---- producer side (fanout lock held) ----

    /** Offers a picture; returns a log line when drops are due to be reported, else null. */
    String offer(AccessUnit au, long nowNanos) {
        if (skipping && !au.keyframe()) {
            return countSkips ? drop(nowNanos) : null;
        }
        if (live.offer(au)) {
            skipping = false;
            countSkips = false;
            return null;
        }
        skipping = true;
        countSkips = true;
        return drop(nowNanos);
    }

    private String drop(long nowNanos) {
        dropped.increment();
        droppedSinceLog++;
        if (lastLogNanos != NONE && nowNanos - lastLogNanos < FrameFanout.DROP_LOG_INTERVAL_NANOS) {
            return null;
        }
        lastLogNanos = nowNanos;
        String line = "viewer " + name + " is too slow: dropped " + droppedSinceLog + " pictures (" + dropped.sum()
                + " in total), skipping to the next IDR";
        droppedSinceLog = 0;
        return line;
    }

    void awaitKeyframe() {
        skipping = true;
        countSkips = false;
    }

    void clearLive() {
        live.clear();
        skipping = false;
        countSkips = false;
    }

    void loadReplay(List<AccessUnit> gop) {
        replay.clear();
        replaySize = gop.size();
        replayLastOriginal = gop.get(gop.size() - 1).timestamp90k();
        newReplay = true; // the consumer places the batch in its timeline when it takes the first picture
        replay.addAll(gop);
    }

    // ---- consumer side ----

    private AccessUnit retimeReplayed(AccessUnit au) {
        if (newReplay) {
            newReplay = false;
            // A first replay ends exactly at the cached GOP's last timestamp, so live pictures follow unshifted;
            // a later one (keyframe request) continues after what this viewer already has.
            replayNext = lastOut == NONE
                    ? replayLastOriginal - (replaySize - 1) * FrameFanout.REPLAY_SPACING_90K
                    : lastOut + FrameFanout.REPLAY_SPACING_90K;
        }
        long out = replayNext;
        replayNext += FrameFanout.REPLAY_SPACING_90K;
        lastOut = out;
        return au.withTimestamp(out);
    }

    private AccessUnit retimeLive(AccessUnit au) {
        long out = au.timestamp90k() + offset;
        if (lastOut != NONE && out <= lastOut) {
            long shift = lastOut + FrameFanout.REPLAY_SPACING_90K - out;
            offset += shift;
            out += shift;
        }
        lastOut = out;
        return offset == 0 ? au : au.withTimestamp(out);
    }
}
