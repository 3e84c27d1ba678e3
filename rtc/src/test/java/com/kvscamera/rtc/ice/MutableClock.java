package com.kvscamera.rtc.ice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Real time plus a test-controlled offset, so timeouts of minutes pass in milliseconds. */
final class MutableClock extends Clock {
    private final AtomicLong offsetMs = new AtomicLong();

    void advance(Duration d) {
        offsetMs.addAndGet(d.toMillis());
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public long millis() { return System.currentTimeMillis() + offsetMs.get(); }
    @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }
}
