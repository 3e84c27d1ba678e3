package com.kvscamera.agent.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A token bucket of {@code ratePerSecond} tokens, burst = one second's worth. Single-threaded (control thread). */
final class TokenBucket {
    private final int rate;
    private final Clock clock;
    private double tokens;
    private Instant last;

    TokenBucket(int ratePerSecond, Clock clock) {
        this.rate = ratePerSecond;
        this.clock = clock;
        this.tokens = ratePerSecond;
        this.last = clock.instant();
    }

    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until one token is available (zero when one is). */
    Duration untilAvailable() {
        refill();
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) * 1e9 / rate));
    }

    private void refill() {
        Instant now = clock.instant();
        long nanos = Duration.between(last, now).toNanos();
        if (nanos > 0) {
            tokens = Math.min(rate, tokens + nanos * rate / 1e9);
            last = now;
        }
    }
}
