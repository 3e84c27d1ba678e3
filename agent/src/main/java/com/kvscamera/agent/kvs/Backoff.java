package com.kvscamera.agent.kvs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff (KVS C SDK signaling defaults, kvs-signaling.md §6.3): attempt n waits a
 * random time in [0, min(cap, base * 2^n)). Not thread-safe: owned by one control thread.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base=" + base + " cap=" + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The next wait (full jitter) and advances the attempt counter. */
    public Duration next() {
        long ceiling = ceilingMillis(attempt);
        if (attempt < 62) {
            attempt++;
        }
        return Duration.ofMillis(random.nextLong(Math.max(1, ceiling)));
    }

    /**
     * A wait in [cap/2, cap): for outcomes that retrying soon cannot fix (bad secret, bad request), so that they
     * cost a bounded number of attempts per minute (at most 60 s / (cap/2)).
     */
    public Duration slow() {
        if (attempt < 62) {
            attempt++;
        }
        long c = cap.toMillis();
        return Duration.ofMillis(c / 2 + random.nextLong(Math.max(1, c - c / 2)));
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }

    long ceilingMillis(int n) {
        long b = base.toMillis();
        long c = cap.toMillis();
        if (n >= 40 || b << n > c || b << n <= 0) {
            return c;
        }
        return b << n;
    }
}
