package com.kvscamera.rtc.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RtcpReaderTest {

    /** Records every callback as a readable line, so tests assert on exact outcomes. */
    static final class Recorder implements RtcpListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onReportBlocks(int senderSsrc, List<ReportBlock> blocks) {
            events.add("RB " + Integer.toHexString(senderSsrc) + " " + blocks);
        }

        @Override
        public void onNack(int senderSsrc, int mediaSsrc, int[] lost) {
            events.add("NACK " + Integer.toHexString(mediaSsrc) + " " + Arrays.toString(lost));
        }

        @Override
        public void onPictureLoss(int senderSsrc, int mediaSsrc) {
            events.add("PLI " + Integer.toHexString(senderSsrc) + " " + Integer.toHexString(mediaSsrc));
        }

        @Override
        public void onFullIntraRequest(int senderSsrc, int targetSsrc, int seq) {
            events.add("FIR " + Integer.toHexString(targetSsrc) + " " + seq);
        }

        @Override
        public void onRemb(int senderSsrc, long bitrateBps, int[] ssrcs) {
            events.add("REMB " + bitrateBps + " " + Arrays.toString(ssrcs));
        }

        @Override
        public void onBye(int[] ssrcs, String reason) {
            events.add("BYE " + Arrays.toString(ssrcs) + " '" + reason + "'");
        }
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    // Hand-derived from RFC 4585 §6.1/§6.2.1: V=2 FMT=1 PT=205 length=3, sender, media, PID=0xFFFE BLP=0x8003
    static final byte[] NACK = bytes(0x81, 205, 0, 3, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0xFF, 0xFE, 0x80, 0x03);
    // RFC 4585 §6.3.1: FMT=1 PT=206 length=2, no FCI
    static final byte[] PLI = bytes(0x81, 206, 0, 2, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22);
    // RFC 5104 §4.3.1: FMT=4 PT=206 length=4, media SSRC 0, FCI = target SSRC + seq nr 7 + reserved
    static final byte[] FIR = bytes(0x84, 206, 0, 4, 0x11, 0x11, 0x11, 0x11, 0, 0, 0, 0, 0x22, 0x22, 0x22, 0x22, 7, 0, 0, 0);
    // REMB: FMT=15 PT=206 length=5, 'REMB', num=1, exp=3 mantissa=187500 (1.5 Mbit/s), one SSRC
    static final byte[] REMB = bytes(0x8F, 206, 0, 5, 0x11, 0x11, 0x11, 0x11, 0, 0, 0, 0,
            'R', 'E', 'M', 'B', 1, 0x0E, 0xDC, 0x6C, 0x22, 0x22, 0x22, 0x22);
    // RR with one block: fraction 64/256, cumulative lost -1, ext seq 0x00010005, jitter 90, LSR 0xA1228000, DLSR 0x8000
    static final byte[] RR = bytes(0x81, 201, 0, 7, 0x11, 0x11, 0x11, 0x11,
            0x22, 0x22, 0x22, 0x22, 0x40, 0xFF, 0xFF, 0xFF, 0x00, 0x01, 0x00, 0x05,
            0, 0, 0, 90, 0xA1, 0x22, 0x80, 0x00, 0, 0, 0x80, 0);
    static final byte[] BYE = bytes(0x81, 203, 0, 2, 0x11, 0x11, 0x11, 0x11, 3, 'b', 'y', 'e');

    private static List<String> parse(byte[] data) {
        Recorder rec = new Recorder();
        RtcpReader r = new RtcpReader(rec);
        r.read(data, 0, data.length);
        assertEquals(0, r.malformedCount(), "malformed in " + Arrays.toString(data));
        return rec.events;
    }

    @Test
    void genericNackExpandsPidAndBlpAcrossTheWrap() {
        assertEquals(List.of("NACK 22222222 [65534, 65535, 0, 14]"), parse(NACK));
    }

    @Test
    void nackWithTwoFciEntries() {
        byte[] two = bytes(0x81, 205, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x64, 0x00, 0x01);
        assertEquals(List.of("NACK 2 [10, 100, 101]"), parse(two));
    }

    @Test
    void pliFirRembAndBye() {
        assertEquals(List.of("PLI 11111111 22222222"), parse(PLI));
        assertEquals(List.of("FIR 22222222 7"), parse(FIR));
        assertEquals(List.of("REMB 1500000 [572662306]"), parse(REMB));
        assertEquals(List.of("BYE [286331153] 'bye'"), parse(BYE));
    }

    @Test
    void receiverReportBlockFields() {
        Recorder rec = new Recorder();
        List<ReportBlock> got = new ArrayList<>();
        new RtcpReader(new RtcpListener() {
            @Override
            public void onReportBlocks(int senderSsrc, List<ReportBlock> blocks) {
                got.addAll(blocks);
            }
        }).read(RR, 0, RR.length);
        assertEquals(1, got.size());
        ReportBlock b = got.get(0);
        assertEquals(0x22222222, b.ssrc());
        assertEquals(64, b.fractionLost());
        assertEquals(-1, b.cumulativeLost());
        assertEquals(0x10005, b.extendedHighestSeq());
        assertEquals(90, b.jitter());
        assertEquals(0xA1228000L, b.lastSr());
        assertEquals(0x8000, b.delaySinceLastSr());
        // RFC 3550 §6.4.1 example: A=0xb7108000, LSR=0xb705 2000, DLSR=0x0005 4000 -> 0x6 2000 = 6.125 s
        ReportBlock ex = new ReportBlock(1, 0, 0, 0, 0, 0xB7052000L, 0x00054000L);
        assertEquals(6125, ex.roundTripMillis(0x0000_B710_8000_0000L));
    }

    @Test
    void compoundFromChromeShapeIsWalkedInOrder() {
        // libwebrtc sends RR (no blocks until media arrives) + SDES + feedback in one compound
        byte[] rrEmpty = bytes(0x80, 201, 0, 1, 0x11, 0x11, 0x11, 0x11);
        byte[] sdes = bytes(0x81, 202, 0, 2, 0x11, 0x11, 0x11, 0x11, 1, 1, 'x', 0);
        List<String> ev = parse(concat(rrEmpty, sdes, NACK, PLI, RR, REMB));
        assertEquals(4, ev.size());
        assertTrue(ev.get(0).startsWith("NACK"));
        assertTrue(ev.get(1).startsWith("PLI"));
        assertTrue(ev.get(2).startsWith("RB 11111111"));
        assertTrue(ev.get(3).startsWith("REMB"));
    }

    @Test
    void paddingOnTheLastPacketIsHonoured() {
        byte[] padded = bytes(0xA1, 206, 0, 3, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0, 0, 0, 4);
        assertEquals(List.of("PLI 11111111 22222222"), parse(padded));
    }

    @Test
    void malformedInputIsCountedNotThrown() {
        Recorder rec = new Recorder();
        RtcpReader r = new RtcpReader(rec);
        r.read(bytes(0x40, 201, 0, 1, 0, 0, 0, 0), 0, 8); // version 1
        r.read(bytes(0x81, 206, 0, 9, 0, 0, 0, 0), 0, 8); // length beyond datagram
        r.read(bytes(0x81, 205, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0), 0, 12); // NACK without FCI
        r.read(bytes(0x82, 201, 0, 1, 0, 0, 0, 0), 0, 8); // RR claiming 2 blocks in 8 bytes
        r.read(bytes(0x81), 0, 1);
        r.read(new byte[4], 2, 10); // bad bounds
        assertEquals(6, r.malformedCount());
        assertTrue(rec.events.isEmpty());
        // a malformed packet after a good one: the good one is still delivered
        byte[] both = concat(PLI, bytes(0x81, 206, 0, 40));
        r.read(both, 0, both.length);
        assertEquals(List.of("PLI 11111111 22222222"), rec.events);
        assertEquals(7, r.malformedCount());
    }

    @Test
    void randomGarbageAndMutationsNeverThrow() {
        Random rnd = new Random(0xC0FFEE);
        Recorder rec = new Recorder();
        RtcpReader r = new RtcpReader(rec);
        byte[] good = concat(RR, NACK, PLI, FIR, REMB, BYE);
        for (int i = 0; i < 200_000; i++) {
            byte[] data;
            if (i % 2 == 0) {
                data = new byte[rnd.nextInt(120)];
                rnd.nextBytes(data);
                if (data.length > 0 && rnd.nextBoolean()) data[0] = (byte) (0x80 | (data[0] & 0x3F)); // look like v2
            } else {
                data = good.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips; f++) data[rnd.nextInt(data.length)] ^= (byte) (1 << rnd.nextInt(8));
                if (rnd.nextInt(4) == 0) data = Arrays.copyOf(data, rnd.nextInt(data.length));
            }
            r.read(data, 0, data.length);
        }
        assertEquals(200_000, r.compoundCount());
        assertTrue(r.malformedCount() > 50_000, "malformed " + r.malformedCount());
        assertTrue(r.packetCount() > 100_000, "well-framed packets " + r.packetCount());
    }

    @Test
    void nackListIsCompleteForEveryBlp() {
        for (int blp = 0; blp <= 0xFFFF; blp += 0x0101) {
            byte[] n = NACK.clone();
            n[12] = 0;
            n[13] = 100;
            n[14] = (byte) (blp >>> 8);
            n[15] = (byte) blp;
            int[][] got = new int[1][];
            new RtcpReader(new RtcpListener() {
                @Override
                public void onNack(int s, int m, int[] lost) {
                    got[0] = lost;
                }
            }).read(n, 0, n.length);
            int[] expected = new int[1 + Integer.bitCount(blp)];
            expected[0] = 100;
            for (int bit = 0, k = 1; bit < 16; bit++) if ((blp & (1 << bit)) != 0) expected[k++] = 101 + bit;
            assertArrayEquals(expected, got[0]);
        }
    }
}
