package com.kvscamera.agent.kvs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Corrects SigV4 timestamps on a device whose clock is off (a Pi without RTC before NTP sync). The offset is
 * learned from the server's Date header when KVS answers "Signature expired"/"Signature not yet current"
 * (the KVS C SDK does the same per endpoint); every signature uses {@link #now()}.
 */
public final class ClockOffset {
    /** Date headers have one-second resolution; a smaller change is noise, not a correction. */
    static final Duration MIN_CORRECTION = Duration.ofSeconds(2);

    private final Clock clock;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public ClockOffset(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().plus(offset.get());
    }

    public Duration offset() {
        return offset.get();
    }

    /**
     * Adopts the server's time. Returns true when the offset moved by at least {@link #MIN_CORRECTION}, i.e. a retry
     * with the new offset can succeed where the last attempt failed; false means the skew is not ours to fix.
     */
    public boolean correctFrom(Instant serverDate) {
        Duration next = Duration.between(clock.instant(), serverDate);
        Duration previous = offset.getAndSet(next);
        return next.minus(previous).abs().compareTo(MIN_CORRECTION) >= 0;
    }
}
