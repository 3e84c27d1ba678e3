package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CaptureStatsTest {

    @Test
    void countsAndRatesOverTheRecentWindow() {
        FakeTicker ticker = new FakeTicker();
        CaptureStats stats = new CaptureStats(ticker);
        for (int i = 0; i < 300; i++) { // 10 s at 30 fps, 1000-byte pictures, an IDR every 30
            stats.record(AccessUnit.of(i, i % 30 == 0, List.of(new byte[1000])));
            ticker.advanceNanos(33_333_333);
        }
        CaptureStats.Snapshot s = stats.snapshot();
        assertEquals(300, s.frames());
        assertEquals(300_000, s.bytes());
        assertEquals(10, s.keyframes());
        assertEquals(30.0, s.fps(), 0.6);
        assertEquals(240_000, s.bitrate(), 5_000);
        assertTrue(s.toString().contains("30.0 fps"), s.toString());

        ticker.advanceNanos(CaptureStats.WINDOW.toNanos() + 1);
        CaptureStats.Snapshot idle = stats.snapshot();
        assertEquals(0.0, idle.fps(), "a stalled capture shows 0 fps");
        assertEquals(300, idle.frames());
    }

    @Test
    void mediaClockNeverRepeatsOrGoesBack() {
        FakeTicker ticker = new FakeTicker();
        MediaClock clock = new MediaClock(ticker);
        long a = clock.stamp();
        long b = clock.stamp();
        assertEquals(a + 1, b, "same instant: one tick later");
        ticker.advanceNanos(1_000_000_000L);
        assertEquals(90_000, clock.stamp());
        assertEquals(90_001, clock.stampAt(ticker.nanoTime() - 500_000_000L), "an earlier arrival cannot go back");
        assertEquals(9, MediaClock.toTicks(100_000));
        long exact = java.math.BigInteger.valueOf(Long.MAX_VALUE).multiply(java.math.BigInteger.valueOf(9))
                .divide(java.math.BigInteger.valueOf(100_000)).longValueExact();
        assertEquals(exact, MediaClock.toTicks(Long.MAX_VALUE), "no overflow for any elapsed time");
    }
}
