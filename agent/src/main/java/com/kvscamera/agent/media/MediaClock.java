package com.kvscamera.agent.media;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream's 90 kHz timeline, shared by every capture run so timestamps keep increasing across restarts.
 * Each value handed out is strictly greater than the previous one: two pictures with the same RTP timestamp would be
 * merged into one frame by the receiver.
 */
public final class MediaClock {
    public static final int RATE = 90_000;

    private final Ticker ticker;
    private final long originNanos;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    public MediaClock(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.originNanos = ticker.nanoTime();
    }

    /** The time base of {@link #stampAt}. */
    public Ticker ticker() {
        return ticker;
    }

    /** A timestamp for something that arrived now. */
    public long stamp() {
        return next(toTicks(ticker.nanoTime() - originNanos));
    }

    /** A timestamp for something that arrived at {@code nanos} on this clock's ticker. */
    public long stampAt(long nanos) {
        return next(toTicks(nanos - originNanos));
    }

    /** Accepts {@code proposed} unless it does not advance the timeline, in which case last + 1 is used. */
    public long next(long proposed) {
        return last.accumulateAndGet(proposed, (prev, p) -> prev == Long.MIN_VALUE || p > prev ? p : prev + 1);
    }

    /** Converts nanoseconds to 90 kHz ticks without overflow for any elapsed time. */
    static long toTicks(long nanos) {
        return nanos / 100_000 * 9 + nanos % 100_000 * 9 / 100_000;
    }
}
