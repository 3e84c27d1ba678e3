package com.kvscamera.rtc.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SrtpRolloverReplayTest {
    private static final int SSRC = 0x1234abcd;

    private static SrtpSession[] pair(SrtpProfile p) {
        Random r = new Random(7);
        byte[] a = new byte[p.keyLength()];
        byte[] as = new byte[p.saltLength()];
        byte[] b = new byte[p.keyLength()];
        byte[] bs = new byte[p.saltLength()];
        r.nextBytes(a);
        r.nextBytes(as);
        r.nextBytes(b);
        r.nextBytes(bs);
        SrtpMasterKey ka = new SrtpMasterKey(p, a, as);
        SrtpMasterKey kb = new SrtpMasterKey(p, b, bs);
        return new SrtpSession[] {new SrtpSession(new SrtpKeyingMaterial(ka, kb)),
                new SrtpSession(new SrtpKeyingMaterial(kb, ka))};
    }

    static byte[] rtp(int seq, int payloadLen, long fill) {
        byte[] b = new byte[12 + payloadLen + 16];
        b[0] = (byte) 0x80;
        b[1] = 96;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        SrtpTransformer.putInt(b, 8, SSRC);
        Random r = new Random(fill);
        for (int i = 12; i < 12 + payloadLen; i++) {
            b[i] = (byte) r.nextInt();
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rolloverCounterFollowsSequenceWrapAcross70000Packets(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        int start = 65000;
        for (int i = 0; i < 70_000; i++) {
            int seq = (start + i) & 0xFFFF;
            byte[] pkt = rtp(seq, 40, i);
            byte[] plain = Arrays.copyOf(pkt, 52);
            int n = s[0].protectRtp(pkt, 52);
            assertEquals(52 + p.tagLength(), n);
            assertEquals(52, s[1].unprotectRtp(pkt, n), "packet " + i);
            assertArrayEquals(plain, Arrays.copyOf(pkt, 52));
        }
        // the last index is 65000 + 69999 = 134999, past 2 * 65536: ROC 2
        assertEquals(2, s[1].inboundRolloverCounter(SSRC));
        assertEquals(0, s[1].stats().snapshot().dropped());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void reorderedPacketsAcrossTheWrapUseTheRightRolloverCounter(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        int[] order = {65533, 65534, 1, 65535, 0, 2, 3};
        byte[][] sent = new byte[order.length][];
        int[] lens = new int[order.length];
        for (int seq : new int[] {65533, 65534, 65535, 0, 1, 2, 3}) {
            byte[] pkt = rtp(seq, 20, seq);
            int idx = indexOf(order, seq);
            lens[idx] = s[0].protectRtp(pkt, 32);
            sent[idx] = pkt;
        }
        for (int i = 0; i < order.length; i++) {
            assertEquals(32, s[1].unprotectRtp(sent[i], lens[i]), "seq " + order[i]);
        }
        assertEquals(1, s[1].inboundRolloverCounter(SSRC));
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replaysAndPacketsOlderThanTheWindowAreRejected(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        byte[][] copies = new byte[200][];
        int[] lens = new int[200];
        for (int seq = 0; seq < 200; seq++) {
            byte[] pkt = rtp(seq, 10, seq);
            lens[seq] = s[0].protectRtp(pkt, 22);
            copies[seq] = pkt.clone();
        }
        // deliver 0..99 except 50, then 150
        for (int seq = 0; seq < 100; seq++) {
            if (seq != 50) {
                assertEquals(22, s[1].unprotectRtp(copies[seq].clone(), lens[seq]));
            }
        }
        assertEquals(-1, s[1].unprotectRtp(copies[99].clone(), lens[99]), "immediate replay");
        assertEquals(22, s[1].unprotectRtp(copies[50].clone(), lens[50]), "late but inside the window");
        assertEquals(-1, s[1].unprotectRtp(copies[50].clone(), lens[50]), "late replay");
        assertEquals(22, s[1].unprotectRtp(copies[150].clone(), lens[150]));
        assertEquals(-1, s[1].unprotectRtp(copies[80].clone(), lens[80]), "80 is 70 behind 150: outside 64");
        assertEquals(22, s[1].unprotectRtp(copies[100].clone(), lens[100]), "100 is 50 behind: inside");
        assertEquals(3, s[1].stats().snapshot().replayed());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpReplayIsRejectedAndIndexesAdvance(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        byte[][] pkts = new byte[5][];
        int[] lens = new int[5];
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[8 + 24 + p.rtcpOverhead()];
            b[0] = (byte) 0x81;
            b[1] = (byte) 201; // RR
            b[3] = 7;
            SrtpTransformer.putInt(b, 4, SSRC);
            lens[i] = s[0].protectRtcp(b, 32);
            pkts[i] = b;
            int word = SrtpTransformer.getInt(b, lens[i] - (p == SrtpProfile.AEAD_AES_128_GCM ? 4 : 14));
            assertEquals(0x80000000 | i, word, "E bit set and index " + i);
        }
        assertEquals(32, s[1].unprotectRtcp(pkts[3].clone(), lens[3]));
        assertEquals(32, s[1].unprotectRtcp(pkts[1].clone(), lens[1]));
        assertEquals(-1, s[1].unprotectRtcp(pkts[3].clone(), lens[3]));
        assertEquals(1, s[1].stats().snapshot().replayed());
        assertEquals(2, s[1].stats().snapshot().rtcpUnprotected());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void randomGarbageIsDroppedAndCountedNeverThrown(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        Random r = new Random(42);
        int total = 20_000;
        for (int i = 0; i < total; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F)); // looks like RTP/RTCP v2 so it reaches the crypto
            }
            int len = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int res = (i & 1) == 0 ? s[1].unprotectRtp(b, len) : s[1].unprotectRtcp(b, len);
            assertEquals(-1, res);
        }
        SrtpStats.Snapshot st = s[1].stats().snapshot();
        assertEquals(total, st.dropped());
        assertTrue(st.authFailed() > 1000, "many reached the authentication check: " + st);
        assertTrue(st.malformed() > 1000, "many were rejected by the header checks: " + st);
    }
}
