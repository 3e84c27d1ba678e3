package com.kvscamera.rtc.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetransmissionBufferTest {

    private static byte[] packet(int seq, int size) {
        byte[] b = new byte[size];
        RtpHeader.write(b, 0, false, 102, seq, seq * 3000, 0xABCD);
        for (int i = 12; i < size; i++) b[i] = (byte) (seq + i);
        return b;
    }

    @Test
    void keepsTheLast512AcrossSequenceWraparound() {
        RetransmissionBuffer rb = new RetransmissionBuffer();
        byte[] out = new byte[1500];
        int start = 65_000;
        int total = 2_000;
        for (int k = 0; k < total; k++) {
            int seq = (start + k) & 0xFFFF;
            rb.store(packet(seq, 100 + (seq % 900)), 0, 100 + (seq % 900));
        }
        int newest = (start + total - 1) & 0xFFFF;
        for (int back = 0; back < 512; back++) {
            int seq = (newest - back) & 0xFFFF;
            int n = rb.copy(seq, out, 0);
            byte[] expected = packet(seq, 100 + (seq % 900));
            assertEquals(expected.length, n, "seq " + seq);
            assertArrayEquals(expected, Arrays.copyOf(out, n));
        }
        assertEquals(-1, rb.copy((newest - 512) & 0xFFFF, out, 0), "513th newest is gone");
        assertEquals(-1, rb.copy((newest + 1) & 0xFFFF, out, 0), "future packet was never sent");
        assertEquals(512, rb.hitCount());
        assertEquals(2, rb.missCount());
    }

    @Test
    void returnsTheIdenticalBytesStoredAtAnOffset() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 200);
        byte[] wire = new byte[300];
        byte[] p = packet(7, 150);
        System.arraycopy(p, 0, wire, 50, 150);
        rb.store(wire, 50, 150);
        byte[] out = new byte[200];
        assertEquals(150, rb.copy(7, out, 10));
        assertArrayEquals(p, Arrays.copyOfRange(out, 10, 160));
    }

    @Test
    void refusesOversizedOrNonRtp() {
        RetransmissionBuffer rb = new RetransmissionBuffer(16, 200);
        rb.store(packet(1, 201), 0, 201);
        rb.store(new byte[20], 0, 20);
        assertEquals(2, rb.rejectedCount());
        assertEquals(-1, rb.copy(1, new byte[300], 0));
        rb.store(packet(2, 100), 0, 100);
        rb.clear();
        assertEquals(-1, rb.copy(2, new byte[300], 0));
        assertThrows(IllegalArgumentException.class, () -> new RetransmissionBuffer(500, 1500));
    }
}
