package com.kvscamera.rtc.rtcp;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which PLI/FIR requests of one viewer get a keyframe answer: at most one per {@code minInterval}.
 * Browsers repeat PLIs every few hundred milliseconds while the picture stays broken, and each answer costs a
 * burst of a whole GOP-cache keyframe, so repeats inside the interval are counted and dropped. Not thread-safe;
 * owned by the viewer's RTCP handling.
 */
public final class KeyframeRequestLimiter {
    /** Between the 500 ms that libwebrtc waits before repeating a PLI and the 1 s that KVS-era cameras use. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMillis(750);

    private final LongSupplier nanoClock;
    private final long minIntervalNanos;
    private long lastGrantNanos;
    private boolean granted;
    private long requests;
    private long answered;
    private long suppressed;

    public KeyframeRequestLimiter(LongSupplier nanoClock) {
        this(nanoClock, DEFAULT_MIN_INTERVAL);
    }

    public KeyframeRequestLimiter(LongSupplier nanoClock, Duration minInterval) {
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("minInterval must be > 0, got " + minInterval);
        }
        this.nanoClock = nanoClock;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** Records a PLI or FIR; true if it should be answered with a keyframe now. */
    public boolean tryAcquire() {
        requests++;
        long now = nanoClock.getAsLong();
        if (granted && now - lastGrantNanos < minIntervalNanos) {
            suppressed++;
            return false;
        }
        granted = true;
        lastGrantNanos = now;
        answered++;
        return true;
    }

    public long requestCount() {
        return requests;
    }

    public long answeredCount() {
        return answered;
    }

    public long suppressedCount() {
        return suppressed;
    }
}
