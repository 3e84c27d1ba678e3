package com.kvscamera.rtc.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PacketPacerTest {
    private long now = 1_000_000_000L;

    @Test
    void spreadsAKeyframeOverAFewMilliseconds() {
        PacketPacer<Integer> pacer = new PacketPacer<>(() -> now);
        int packets = 84; // ~100 KB keyframe in 1200-byte payloads
        for (int i = 0; i < packets; i++) assertTrue(pacer.offer(i, 1212));
        List<Long> sendTimes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        long start = now;
        int wakeUps = 0;
        long delay;
        while ((delay = pacer.drain(p -> {
            order.add(p);
            sendTimes.add(now);
        })) >= 0) {
            assertTrue(delay > 0);
            now += delay; // what a scheduler would do
            wakeUps++;
        }
        assertEquals(packets, order.size());
        for (int i = 0; i < packets; i++) assertEquals(i, order.get(i), "order kept");
        long spanMicros = (sendTimes.get(packets - 1) - start) / 1000;
        // 84 * 1212 B = 101.8 KB, of which 12 KB leave at once; the rest at 20 MB/s ~ 4.5 ms
        assertTrue(spanMicros > 3_500 && spanMicros < 6_000, "span " + spanMicros + " us");
        long firstBurst = sendTimes.stream().filter(t -> t == start).count();
        assertEquals(10, firstBurst, "burst of 12000 bytes = 10 packets (debt of one allowed)");
        assertTrue(wakeUps > 50);
        assertEquals(packets, pacer.sentCount());
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBurst() {
        PacketPacer<Integer> pacer = new PacketPacer<>(() -> now, 1_000_000, 3000, 100);
        now += 10_000_000_000L;
        for (int i = 0; i < 5; i++) pacer.offer(i, 1000);
        List<Integer> out = new ArrayList<>();
        long d = pacer.drain(out::add);
        assertEquals(3, out.size(), "3000-byte burst");
        assertEquals(1_000, d, "balance is exactly 0: one more byte of credit (1 us at 1 MB/s) releases the next");
        now += d;
        assertEquals(1_000_000, pacer.drain(out::add), "now 999 bytes in debt: 1 ms until positive again");
        assertEquals(4, out.size());
    }

    @Test
    void packetsLargerThanTheBurstStillLeave() {
        PacketPacer<Integer> pacer = new PacketPacer<>(() -> now, 1_000_000, 1000, 10);
        pacer.offer(1, 5000);
        pacer.offer(2, 5000);
        List<Integer> out = new ArrayList<>();
        long d = pacer.drain(out::add);
        assertEquals(List.of(1), out, "a positive balance releases one packet, going 4000 bytes into debt");
        assertEquals(4_001_000, d, "4001 bytes at 1 MB/s");
        now += d;
        assertEquals(-1, pacer.drain(out::add));
        assertEquals(List.of(1, 2), out);
    }

    @Test
    void fullQueueDropsAndCounts() {
        PacketPacer<Integer> pacer = new PacketPacer<>(() -> now, 1000, 1000, 2);
        assertTrue(pacer.offer(1, 10));
        assertTrue(pacer.offer(2, 10));
        assertFalse(pacer.offer(3, 10));
        assertEquals(1, pacer.droppedCount());
        pacer.clear();
        assertEquals(3, pacer.droppedCount());
        assertEquals(-1, pacer.drain(x -> { }));
    }
}
