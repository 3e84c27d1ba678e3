package com.kvscamera.emulator.signaling;

import java.time.Clock;
import java.util.ArrayDeque;

/** At most {@code limit} events in any one-second window, on the injected clock. Router thread only. */
final class RateWindow {
    private final int limit;
    private final Clock clock;
    private final ArrayDeque<Long> stamps = new ArrayDeque<>();

    RateWindow(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    boolean tryAcquire() {
        long now = clock.millis();
        while (!stamps.isEmpty() && stamps.peekFirst() <= now - 1000) {
            stamps.pollFirst();
        }
        if (stamps.size() >= limit) {
            return false;
        }
        stamps.addLast(now);
        return true;
    }
}
