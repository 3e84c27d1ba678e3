package com.kvscamera.rtc.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.rtp.H264Packetizer;
import com.kvscamera.rtc.rtp.RetransmissionBuffer;
import com.kvscamera.rtc.rtp.RtpHeader;
import com.kvscamera.rtc.rtp.RtpPacketWriter;
import com.kvscamera.rtc.rtp.RtpPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole loss-repair loop at unit level: packets cross a lossy link, the receiver NACKs the gaps with RFC 4585
 * generic NACK packets (built here from the RFC layout), the sender's {@link RtcpReader} turns them into sequence
 * numbers, the {@link RetransmissionBuffer} resends the identical bytes, and every access unit arrives intact.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NackRecoveryTest {

    /** One or more NACK FCI entries covering {@code lost}, each PID followed by a 16-bit mask. */
    static byte[] nack(int senderSsrc, int mediaSsrc, List<Integer> lost) {
        List<int[]> fci = new ArrayList<>();
        for (int seq : lost) {
            int[] last = fci.isEmpty() ? null : fci.get(fci.size() - 1);
            int diff = last == null ? -1 : ((seq - last[0]) & 0xFFFF) - 1;
            if (last != null && diff >= 0 && diff < 16) last[1] |= 1 << diff;
            else fci.add(new int[] {seq, 0});
        }
        byte[] b = new byte[12 + 4 * fci.size()];
        b[0] = (byte) 0x81;
        b[1] = (byte) RtcpType.RTPFB;
        b[3] = (byte) (2 + fci.size());
        SenderReportWriter.putInt(b, 4, senderSsrc);
        SenderReportWriter.putInt(b, 8, mediaSsrc);
        for (int i = 0; i < fci.size(); i++) {
            SenderReportWriter.putShort(b, 12 + 4 * i, fci.get(i)[0]);
            SenderReportWriter.putShort(b, 14 + 4 * i, fci.get(i)[1]);
        }
        return b;
    }

    @Test
    void lostPacketsAreRepairedByteForByteAcrossTheSequenceWrap() {
        Random rnd = new Random(4585);
        H264Packetizer packetizer = new H264Packetizer(1200);
        RtpPacketWriter writer = new RtpPacketWriter(0x5EED, 102, 65_300, 0); // wraps after 236 of ~390 packets
        RetransmissionBuffer sent = new RetransmissionBuffer();
        TreeMap<Integer, byte[]> received = new TreeMap<>(); // by extended sequence
        List<List<byte[]>> aus = new ArrayList<>();
        int lostCount = 0;
        int extended = 65_300;
        for (int au = 0; au < 60; au++) {
            List<byte[]> nals = new ArrayList<>();
            if (au % 30 == 0) {
                nals.add(new byte[] {0x67, 0x42, (byte) 0xe0, 0x1f});
                nals.add(new byte[] {0x68, (byte) 0xce, 0x3c, (byte) 0x80});
            }
            byte[] slice = new byte[au % 30 == 0 ? 60_000 : 3_000 + rnd.nextInt(5_000)];
            rnd.nextBytes(slice);
            slice[0] = (byte) (au % 30 == 0 ? 0x65 : 0x41);
            nals.add(slice);
            aus.add(nals);
            for (RtpPayload p : packetizer.packetize(nals)) {
                byte[] buf = new byte[1500];
                int n = writer.write(p, au * 3000L, buf, 0);
                sent.store(buf, 0, n); // in production these are the SRTP-protected bytes
                if (rnd.nextInt(100) < 7) lostCount++;
                else received.put(extended, Arrays.copyOf(buf, n));
                extended++;
            }
        }
        List<Integer> lost = new ArrayList<>();
        for (int e = 65_300; e < extended; e++) if (!received.containsKey(e)) lost.add(e & 0xFFFF);
        assertEquals(lostCount, lost.size());
        assertTrue(lostCount > 20, "the link lost " + lostCount);

        List<Integer> requested = new ArrayList<>();
        RtcpReader reader = new RtcpReader(new RtcpListener() {
            @Override
            public void onNack(int senderSsrc, int mediaSsrc, int[] seqs) {
                assertEquals(0x5EED, mediaSsrc);
                for (int s : seqs) requested.add(s);
            }
        });
        byte[] feedback = nack(0x1234, 0x5EED, lost);
        reader.read(feedback, 0, feedback.length);
        assertEquals(lost, requested);

        byte[] out = new byte[1500];
        for (int seq : requested) {
            int n = sent.copy(seq, out, 0);
            assertTrue(n > 0, "seq " + seq + " still buffered");
            int ext = seq >= 65_300 ? seq : seq + 65_536;
            received.put(ext, Arrays.copyOf(out, n));
        }
        assertEquals(extended - 65_300, received.size());
        assertTrue(extended > 65_536 && extended - 65_300 <= RetransmissionBuffer.DEFAULT_CAPACITY, "sent " + (extended - 65_300));

        // depacketize in order and compare every access unit
        List<List<byte[]>> got = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        java.io.ByteArrayOutputStream fu = null;
        for (byte[] pkt : received.values()) {
            int h = RtpHeader.headerLength(pkt, 0, pkt.length);
            byte[] p = Arrays.copyOfRange(pkt, h, pkt.length);
            int type = p[0] & 0x1F;
            if (type == 24) {
                for (int i = 1; i < p.length; ) {
                    int len = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                    current.add(Arrays.copyOfRange(p, i + 2, i + 2 + len));
                    i += 2 + len;
                }
            } else if (type == 28) {
                if ((p[1] & 0x80) != 0) {
                    fu = new java.io.ByteArrayOutputStream();
                    fu.write((p[0] & 0xE0) | (p[1] & 0x1F));
                }
                fu.write(p, 2, p.length - 2);
                if ((p[1] & 0x40) != 0) current.add(fu.toByteArray());
            } else {
                current.add(p);
            }
            if (RtpHeader.marker(pkt, 0)) {
                got.add(current);
                current = new ArrayList<>();
            }
        }
        assertEquals(aus.size(), got.size());
        for (int i = 0; i < aus.size(); i++) {
            assertEquals(aus.get(i).size(), got.get(i).size(), "AU " + i);
            for (int k = 0; k < aus.get(i).size(); k++) assertArrayEquals(aus.get(i).get(k), got.get(i).get(k), "AU " + i + " NAL " + k);
        }
    }
}
