package com.kvscamera.rtc.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeyframeRequestLimiterTest {
    private long now = 42;

    @Test
    void answersAtMostOncePerInterval() {
        KeyframeRequestLimiter l = new KeyframeRequestLimiter(() -> now, Duration.ofMillis(500));
        assertTrue(l.tryAcquire());
        now += 200_000_000L;
        assertFalse(l.tryAcquire());
        now += 299_999_999L;
        assertFalse(l.tryAcquire(), "1 ns short of 500 ms");
        now += 1;
        assertTrue(l.tryAcquire());
        for (int i = 0; i < 20; i++) {
            now += 100_000_000L; // a browser repeating PLI every 100 ms for 2 s
            l.tryAcquire();
        }
        assertEquals(24, l.requestCount());
        assertEquals(2 + 4, l.answeredCount(), "one answer per 500 ms in the 2 s burst (at +1.0, 1.5, 2.0, 2.5 s)");
        assertEquals(24 - 6, l.suppressedCount());
        assertThrows(IllegalArgumentException.class, () -> new KeyframeRequestLimiter(() -> 0, Duration.ZERO));
    }
}
