package com.kvscamera.rtc.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H264PacketizerTest {
    private static final int MTU_PAYLOAD = 1200;
    private final Random random = new Random(42);

    private byte[] nal(int type, int nri, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        b[0] = (byte) ((nri << 5) | type);
        return b;
    }

    private List<byte[]> roundTrip(H264Packetizer p, List<byte[]> au, int[] maxSeen) {
        List<RtpPayload> payloads = p.packetize(au);
        H264TestDepacketizer d = new H264TestDepacketizer();
        for (int i = 0; i < payloads.size(); i++) {
            RtpPayload pl = payloads.get(i);
            assertTrue(pl.length() <= p.maxPayload(), "payload " + pl.length() + " > " + p.maxPayload());
            maxSeen[0] = Math.max(maxSeen[0], pl.length());
            assertEquals(i == payloads.size() - 1, pl.marker(), "marker only on the last payload");
            d.accept(pl.toByteArray(), pl.marker());
        }
        return d.take();
    }

    private static void assertSameNals(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "NAL count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "NAL " + i);
        }
    }

    @Test
    void fortyAccessUnitsWithThreeSliceIdrsRoundTripUnderTheMtu() {
        H264Packetizer p = new H264Packetizer(MTU_PAYLOAD);
        int[] max = {0};
        for (int au = 0; au < 40; au++) {
            List<byte[]> nals = new ArrayList<>();
            if (au % 10 == 0) {
                nals.add(nal(7, 3, 14)); // SPS
                nals.add(nal(8, 3, 5)); // PPS
                for (int s = 0; s < 3; s++) nals.add(nal(5, 3, 8_000 + random.nextInt(30_000)));
            } else {
                nals.add(nal(1, 2, 200 + random.nextInt(6_000)));
            }
            assertSameNals(nals, roundTrip(p, nals, max));
        }
        assertTrue(max[0] <= MTU_PAYLOAD && max[0] > 1100, "largest payload " + max[0]);
    }

    @Test
    void spsAndPpsGoIntoOneStapAWithMaxNri() {
        H264Packetizer p = new H264Packetizer(MTU_PAYLOAD);
        byte[] sps = nal(7, 3, 14);
        byte[] pps = nal(8, 2, 5);
        byte[] idr = nal(5, 3, 5_000);
        List<RtpPayload> out = p.packetize(List.of(sps, pps, idr));
        byte[] first = out.get(0).toByteArray();
        assertEquals(24, first[0] & 0x1F, "STAP-A");
        assertEquals(3 << 5, first[0] & 0x60, "NRI is the max of the aggregated units");
        assertEquals(1 + 2 + 14 + 2 + 5, first.length);
        assertEquals(0, first[1]);
        assertEquals(14, first[2]);
        assertEquals(28, out.get(1).toByteArray()[0] & 0x1F, "IDR is fragmented");
    }

    @Test
    void smallNalsAreAggregatedOnlyWhileTheyFit() {
        H264Packetizer p = new H264Packetizer(100);
        List<byte[]> nals = List.of(nal(6, 0, 40), nal(1, 2, 40), nal(1, 2, 40), nal(1, 2, 99), nal(1, 2, 100));
        List<RtpPayload> out = p.packetize(nals);
        // 1 + (2+40) + (2+40) = 85 fits, a third 40-byte unit does not; 99 and 100 fit alone as single NAL packets
        assertEquals(4, out.size());
        assertEquals(24, out.get(0).toByteArray()[0] & 0x1F);
        assertEquals(85, out.get(0).length());
        assertEquals(40, out.get(1).length());
        assertEquals(99, out.get(2).length());
        assertEquals(100, out.get(3).length());
        assertSameNals(nals, roundTrip(p, nals, new int[1]));
    }

    @Test
    void fuABoundaries() {
        H264Packetizer p = new H264Packetizer(100);
        // exactly the budget: single NAL; one more byte: two FU-A fragments with S and E
        byte[] exact = nal(1, 2, 100);
        List<RtpPayload> single = p.packetize(List.of(exact));
        assertEquals(1, single.size());
        assertArrayEquals(exact, single.get(0).toByteArray());

        byte[] over = nal(5, 3, 101);
        List<RtpPayload> frags = p.packetize(List.of(over));
        assertEquals(2, frags.size());
        byte[] a = frags.get(0).toByteArray();
        byte[] b = frags.get(1).toByteArray();
        assertEquals((3 << 5) | 28, a[0] & 0xFF, "FU indicator keeps F/NRI of the NAL");
        assertEquals(0x80 | 5, a[1] & 0xFF, "S bit + type");
        assertEquals(0x40 | 5, b[1] & 0xFF, "E bit + type");
        assertEquals(100, (a.length - 2) + (b.length - 2), "100 bytes after the NAL header are carried");
        assertTrue(Math.abs(a.length - b.length) <= 1, "fragments are balanced");
        assertFalse(frags.get(0).marker());
        assertTrue(frags.get(1).marker());

        // sizes around multiples of the fragment capacity (98 bytes)
        for (int size : new int[] {197, 198, 199, 295, 296, 980, 981}) {
            byte[] n = nal(5, 3, size);
            int[] max = {0};
            assertSameNals(List.of(n), roundTrip(p, List.of(n), max));
            assertTrue(max[0] <= 100);
            assertEquals((size - 1 + 97) / 98, p.packetize(List.of(n)).size(), "fragment count for " + size);
        }
    }

    @Test
    void emptyNalsAreSkippedAndEmptyAccessUnitGivesNothing() {
        H264Packetizer p = new H264Packetizer(MTU_PAYLOAD);
        assertTrue(p.packetize(List.of()).isEmpty());
        assertTrue(p.packetize(List.of(new byte[0])).isEmpty());
        byte[] a = nal(7, 3, 10);
        byte[] b = nal(8, 3, 4);
        List<byte[]> in = new ArrayList<>(List.of(a, new byte[0], b));
        List<byte[]> back = roundTrip(p, in, new int[1]);
        assertSameNals(List.of(a, b), back);
    }

    @Test
    void payloadsReferenceTheNalWithoutCopyingUntilWritten() {
        H264Packetizer p = new H264Packetizer(MTU_PAYLOAD);
        byte[] big = nal(5, 3, 3_000);
        List<RtpPayload> out = p.packetize(List.of(big));
        byte[] buf = new byte[1500];
        int n = out.get(1).copyTo(buf, 10);
        assertEquals(out.get(1).length(), n);
        assertEquals(28, buf[10] & 0x1F);
    }

    @Test
    void rejectsAbsurdBudgets() {
        assertThrows(IllegalArgumentException.class, () -> new H264Packetizer(10));
        assertThrows(IllegalArgumentException.class, () -> new H264Packetizer(70_000));
    }
}
