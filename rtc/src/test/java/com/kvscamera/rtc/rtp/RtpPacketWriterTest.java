package com.kvscamera.rtc.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RtpPacketWriterTest {

    @Test
    void writesTheRfc3550HeaderByteForByte() {
        RtpPacketWriter w = new RtpPacketWriter(0x11223344, 99, 0xFFFE, 1000);
        byte[] buf = new byte[64];
        int len = w.write(RtpPayload.of(new byte[] {1, 2, 3}, true), 90_000L, buf, 4);
        assertEquals(15, len);
        int ts = 91_000;
        byte[] expected = {
            (byte) 0x80, (byte) (0x80 | 99), (byte) 0xFF, (byte) 0xFE,
            (byte) (ts >>> 24), (byte) (ts >>> 16), (byte) (ts >>> 8), (byte) ts,
            0x11, 0x22, 0x33, 0x44, 1, 2, 3};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], buf[4 + i], "byte " + i);
        assertEquals(0xFFFF, w.nextSequence());
        w.write(RtpPayload.of(new byte[] {9}, false), 90_000L, buf, 0);
        assertEquals(0, w.nextSequence(), "sequence wraps at 16 bits");
        assertEquals(0xFFFF, RtpHeader.sequence(buf, 0));
        assertFalse(RtpHeader.marker(buf, 0));
        assertEquals(2, w.packetCount());
        assertEquals(4, w.octetCount(), "octet count excludes headers");
        assertEquals(ts, w.lastTimestamp());
    }

    @Test
    void viewersGetIndependentRandomStreams() {
        Random r = new Random(7);
        Set<Integer> ssrcs = new HashSet<>();
        Set<Integer> seqs = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            int ssrc = RtpPacketWriter.randomSsrc(r);
            assertNotEquals(0, ssrc);
            RtpPacketWriter w = RtpPacketWriter.create(ssrc, 102, r);
            assertTrue(w.nextSequence() < 0x8000);
            ssrcs.add(ssrc);
            seqs.add(w.nextSequence());
        }
        assertEquals(10, ssrcs.size());
        assertTrue(seqs.size() >= 9);
    }

    @Test
    void packetizedAccessUnitFitsMtuWithHeader() {
        H264Packetizer p = new H264Packetizer(1200);
        byte[] idr = new byte[50_000];
        idr[0] = 0x65;
        List<RtpPayload> payloads = p.packetize(List.of(idr));
        RtpPacketWriter w = new RtpPacketWriter(1, 102, 0, 0);
        byte[] buf = new byte[1500];
        for (RtpPayload pl : payloads) {
            int n = w.write(pl, 3000, buf, 0);
            assertTrue(n <= 1212, "packet " + n);
            assertEquals(RtpHeader.FIXED_LENGTH, RtpHeader.headerLength(buf, 0, n));
        }
    }

    @Test
    void refusesBadPayloadTypeAndShortBuffers() {
        assertThrows(IllegalArgumentException.class, () -> new RtpPacketWriter(1, 128, 0, 0));
        RtpPacketWriter w = new RtpPacketWriter(1, 96, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> w.write(RtpPayload.of(new byte[100], true), 0, new byte[50], 0));
        assertEquals(0, w.nextSequence(), "a refused write does not consume a sequence number");
    }
}
