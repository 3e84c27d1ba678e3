package com.kvscamera.agent.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.ManualClock;
import com.kvscamera.agent.kvs.ManualScheduler;
import com.kvscamera.agent.media.AccessUnit;
import com.kvscamera.rtc.rtp.H264Packetizer;
import com.kvscamera.rtc.rtp.RtpHeader;
import com.kvscamera.rtc.rtp.RtpPacketWriter;
import com.kvscamera.rtc.srtp.SrtpKeyingMaterial;
import com.kvscamera.rtc.srtp.SrtpMasterKey;
import com.kvscamera.rtc.srtp.SrtpProfile;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The media half of a session against a real SRTP receiver: what goes on the wire decrypts to in-order RTP, NACKs
 * get the identical packet again, PLI/FIR are rate-limited, reports and BYE are valid SRTCP, a slow viewer resumes at
 * a keyframe. Time (pacing, rate limits) is driven by hand.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RtpVideoSenderTest {
    private static final int SSRC = 0x1234_5678;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler media = new ManualScheduler(clock);
    private final List<byte[]> wire = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyframeRequests = new AtomicInteger();
    private final SessionStats stats = new SessionStats();
    private final SrtpSession viewer;
    private final RtpVideoSender sender;

    RtpVideoSenderTest() {
        SrtpMasterKey ours = key(1);
        SrtpMasterKey theirs = key(2);
        SrtpSession agent = new SrtpSession(new SrtpKeyingMaterial(ours, theirs));
        viewer = new SrtpSession(new SrtpKeyingMaterial(theirs, ours));
        sender = new RtpVideoSender("viewer-1", "cam", new H264Packetizer(1100),
                new RtpPacketWriter(SSRC, 102, 1000, 0), agent, (d, o, l) -> wire.add(Arrays.copyOfRange(d, o, o + l)),
                stats, media, () -> clock.millis() * 1_000_000L, clock, keyframeRequests::incrementAndGet);
    }

    private static SrtpMasterKey key(int seed) {
        byte[] k = new byte[16];
        byte[] s = new byte[14];
        Arrays.fill(k, (byte) seed);
        Arrays.fill(s, (byte) (seed + 10));
        return new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, k, s);
    }

    private static AccessUnit frame(long ts, boolean key, int sliceBytes) {
        byte[] slice = new byte[sliceBytes];
        Arrays.fill(slice, (byte) 0x55);
        slice[0] = (byte) (key ? 0x65 : 0x41);
        if (!key) return AccessUnit.of(ts, false, List.of(slice));
        return AccessUnit.of(ts, true, List.of(new byte[] {0x67, 0x42, (byte) 0xc0, 0x1f}, new byte[] {0x68, (byte) 0xce}, slice));
    }

    /** Decrypts what went on the wire as the viewer would. */
    private byte[] viewerReads(byte[] packet) {
        byte[] copy = packet.clone();
        int n = viewer.unprotectRtp(copy, copy.length);
        assertTrue(n > 0, "viewer could not authenticate an SRTP packet");
        return Arrays.copyOf(copy, n);
    }

    @Test
    void aLargeKeyframeIsPacedOutAndArrivesInOrderWithTheMarkerOnItsLastPacket() {
        sender.sendFrame(frame(9000, true, 60_000));
        int first = wire.size();
        assertTrue(first > 0 && first < 20, "a burst first, the rest paced: " + first);
        for (int i = 0; i < 100 && media.pending() > 0; i++) {
            clock.advance(Duration.ofMillis(1));
            media.runDue();
        }
        assertTrue(wire.size() > 50, "60 KB in ~1100-byte packets: " + wire.size());
        int seq = 1000;
        for (int i = 0; i < wire.size(); i++) {
            byte[] rtp = viewerReads(wire.get(i));
            assertEquals(seq++, RtpHeader.sequence(rtp, 0));
            assertEquals(9000, RtpHeader.timestamp(rtp, 0));
            assertEquals(SSRC, RtpHeader.ssrc(rtp, 0));
            assertEquals(i == wire.size() - 1, RtpHeader.marker(rtp, 0));
            assertTrue(wire.get(i).length <= 1200, "packet of " + wire.get(i).length + " bytes");
        }
        assertEquals(1, stats.framesSent.sum());
        assertEquals(wire.size(), stats.packetsSent.sum());
    }

    @Test
    void aPictureIsPacketizedOnceAndEveryViewerSendsTheSamePayloadsUnderItsOwnHeader() {
        H264Packetizer packetizer = new H264Packetizer(1100);
        AccessUnit au = frame(9000, true, 5000);
        AccessUnit retimed = au.withTimestamp(18_000); // how a viewer that joined from the cached GOP gets it
        List<com.kvscamera.rtc.rtp.RtpPayload> first = RtpVideoSender.payloads(au, packetizer);
        assertTrue(first == RtpVideoSender.payloads(retimed, packetizer), "computed once, shared by retimed copies");
        assertTrue(first != RtpVideoSender.payloads(au, new H264Packetizer(600)), "another budget, other payloads");
        assertEquals(au, AccessUnit.of(9000, true, List.of(au.nalBytes(0), au.nalBytes(1), au.nalBytes(2))),
                "the memo is not part of the picture's value");

        SrtpMasterKey k1 = key(3);
        SrtpMasterKey k2 = key(4);
        List<byte[]> wire2 = new CopyOnWriteArrayList<>();
        RtpVideoSender second = new RtpVideoSender("viewer-2", "cam", packetizer,
                new RtpPacketWriter(0x0BAD_CAFE, 102, 20_000, 0), new SrtpSession(new SrtpKeyingMaterial(k1, k2)),
                (d, o, l) -> wire2.add(Arrays.copyOfRange(d, o, o + l)), new SessionStats(), media,
                () -> clock.millis() * 1_000_000L, clock, () -> { });
        SrtpSession viewer2 = new SrtpSession(new SrtpKeyingMaterial(k2, k1));
        sender.sendFrame(au);
        second.sendFrame(retimed);
        assertEquals(first.size(), wire.size());
        assertEquals(first.size(), wire2.size());
        for (int i = 0; i < first.size(); i++) {
            byte[] a = viewerReads(wire.get(i));
            byte[] b = wire2.get(i).clone();
            int n = viewer2.unprotectRtp(b, b.length);
            assertTrue(n > 0, "second viewer's packet authenticates with its own keys");
            assertEquals(1000 + i, RtpHeader.sequence(a, 0));
            assertEquals(20_000 + i, RtpHeader.sequence(b, 0));
            assertEquals(0x0BAD_CAFE, RtpHeader.ssrc(b, 0));
            assertEquals(18_000, RtpHeader.timestamp(b, 0));
            byte[] payload = first.get(i).toByteArray();
            assertArrayEquals(payload, Arrays.copyOfRange(a, RtpHeader.FIXED_LENGTH, a.length));
            assertArrayEquals(payload, Arrays.copyOfRange(b, RtpHeader.FIXED_LENGTH, n));
        }
    }

    @Test
    void aNackIsAnsweredWithTheIdenticalSrtpPacket() {
        sender.sendFrame(frame(0, false, 3000));
        assertEquals(3, wire.size());
        byte[] lost = wire.get(1).clone();
        byte[] nack = {(byte) 0x81, (byte) 205, 0, 3, 0, 0, 0, 9, 0x12, 0x34, 0x56, 0x78, 0x03, (byte) 0xE9, 0, 0};
        assertFalse(sender.onRtcp(nack, 0, nack.length));
        assertEquals(4, wire.size());
        assertArrayEquals(lost, wire.get(3), "retransmission is the original packet");
        assertEquals(1, stats.nacksReceived.sum());
        assertEquals(1, stats.packetsRetransmitted.sum());
    }

    @Test
    void receiverReportsFillTheLossFigure() {
        // RR from SSRC 9 about our stream: fraction 0, cumulative lost 7, no SR echo
        byte[] rr = {(byte) 0x81, (byte) 201, 0, 7, 0, 0, 0, 9, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 7,
                0, 0, 0x03, (byte) 0xE9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertFalse(sender.onRtcp(rr, 0, rr.length));
        assertEquals(7, stats.viewerLost);
        assertEquals(-1, stats.roundTripMillis, "no SR echoed yet");
    }

    @Test
    void pictureLossRequestsAreCountedAndAnsweredAtMostOnceEvery750Ms() {
        byte[] pli = {(byte) 0x81, (byte) 206, 0, 2, 0, 0, 0, 9, 0x12, 0x34, 0x56, 0x78};
        sender.onRtcp(pli, 0, pli.length);
        sender.onRtcp(pli, 0, pli.length);
        clock.advance(Duration.ofMillis(500));
        sender.onRtcp(pli, 0, pli.length);
        assertEquals(1, keyframeRequests.get());
        clock.advance(Duration.ofMillis(300));
        sender.onRtcp(pli, 0, pli.length);
        assertEquals(2, keyframeRequests.get());
        assertEquals(4, stats.pliReceived.sum());
    }

    @Test
    void reportsAndByeAreValidSrtcpAndAViewersByeEndsTheSession() {
        sender.sendFrame(frame(0, false, 500));
        sender.sendReport();
        byte[] sr = wire.get(wire.size() - 1).clone();
        int n = viewer.unprotectRtcp(sr, sr.length);
        assertTrue(n > 0);
        assertEquals(200, sr[1] & 0xFF, "SR");
        assertEquals(SSRC, java.nio.ByteBuffer.wrap(sr, 4, 4).getInt());
        assertEquals(1, java.nio.ByteBuffer.wrap(sr, 20, 4).getInt(), "packet count");
        assertEquals(202, sr[29] & 0xFF, "SDES follows");

        byte[] bye = {(byte) 0x81, (byte) 203, 0, 1, 0, 0, 0, 9};
        assertTrue(sender.onRtcp(bye, 0, bye.length));

        sender.close();
        byte[] last = wire.get(wire.size() - 1).clone();
        int m = viewer.unprotectRtcp(last, last.length);
        assertTrue(m > 0);
        assertEquals(203, last[m - 8 + 1] & 0xFF, "our BYE ends the compound");
    }

    @Test
    void aViewerThatFallsBehindSkipsToTheNextKeyframe() {
        // nothing is drained while time stands still: 30 frames of ~110 packets overflow the pacer's queue
        for (int i = 0; i < 30; i++) sender.sendFrame(frame(i * 3000L, i == 0, 120_000));
        long sentFrames = stats.framesSent.sum();
        assertTrue(sentFrames < 30, "some frames dropped: " + sentFrames);
        sender.sendFrame(frame(99_000, false, 1000));
        assertEquals(sentFrames, stats.framesSent.sum(), "no delta frame until a keyframe");
        sender.sendFrame(frame(102_000, true, 1000));
        assertEquals(sentFrames + 1, stats.framesSent.sum(), "resumes at the keyframe");
        List<Integer> sequences = new ArrayList<>();
        for (int i = 0; i < 2000 && media.pending() > 0; i++) {
            clock.advance(Duration.ofMillis(1));
            media.runDue();
        }
        for (byte[] p : wire) sequences.add(RtpHeader.sequence(viewerReads(p), 0));
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i) > sequences.get(i - 1), "in order, the dropped ones missing: " + sequences);
        }
    }
}
