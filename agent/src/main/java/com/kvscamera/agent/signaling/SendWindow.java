package com.kvscamera.agent.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * At most {@code limit} sends in any window of one second plus a margin. A token bucket with a one-second burst
 * would allow twice the limit inside one sliding second, and the service counts "per second" as a sliding window
 * (so does the emulator); the margin absorbs frames that bunch up in transit. Control thread only.
 */
final class SendWindow {
    /** Frames sent 1 s apart can arrive closer together; keep this much extra spacing. */
    static final Duration MARGIN = Duration.ofMillis(150);
    private static final Duration WINDOW = Duration.ofSeconds(1).plus(MARGIN);

    private final int limit;
    private final Clock clock;
    private final ArrayDeque<Instant> sent = new ArrayDeque<>();

    SendWindow(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    boolean tryTake() {
        Instant now = clock.instant();
        expire(now);
        if (sent.size() >= limit) {
            return false;
        }
        sent.addLast(now);
        return true;
    }

    /** How long until a send is allowed (zero when one is). */
    Duration untilAvailable() {
        Instant now = clock.instant();
        expire(now);
        if (sent.size() < limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, sent.peekFirst().plus(WINDOW));
    }

    private void expire(Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().plus(WINDOW).isAfter(now)) {
            sent.pollFirst();
        }
    }
}
