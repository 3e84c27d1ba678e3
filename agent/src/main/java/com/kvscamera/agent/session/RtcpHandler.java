package com.kvscamera.agent.session;

import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.rtcp.KeyframeRequestLimiter;
import com.kvscamera.rtc.rtcp.NtpTime;
import com.kvscamera.rtc.rtcp.ReportBlock;
import com.kvscamera.rtc.rtcp.RtcpListener;
import com.kvscamera.rtc.rtcp.RtcpReader;
import com.kvscamera.rtc.rtcp.SenderReportWriter;
import com.kvscamera.rtc.rtp.RtpPacketWriter;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * RTCP of one viewer: reads its RR/NACK/PLI/FIR/BYE and writes our SR + SDES (and BYE on close).
 * Keyframe requests are counted, rate-limited and answered by replaying the GOP cache, since the external encoder
 * cannot be asked for an IDR. {@link #read} runs on the transport's receive thread; reports on the report timer
 * under the sender's lock.
 */
final class RtcpHandler implements RtcpListener {
    private static final Logger LOG = Logger.getLogger(RtcpHandler.class.getName());

    private final String clientId;
    private final String cname;
    private final SrtpSession srtp;
    private final PacketSender path;
    private final SessionStats stats;
    private final Clock wallClock;
    private final LongSupplier nanoClock;
    private final RtcpReader reader = new RtcpReader(this);
    private final KeyframeRequestLimiter keyframes;
    private final Runnable keyframeRequest;
    private final IntConsumer retransmit;
    private volatile boolean bye;

    // written under the sender's lock
    private long lastFrameTimestamp90k;
    private long lastFrameNanos;

    RtcpHandler(String clientId, String cname, SrtpSession srtp, PacketSender path, SessionStats stats,
                Clock wallClock, LongSupplier nanoClock, Runnable keyframeRequest, IntConsumer retransmit) {
        this.clientId = clientId;
        this.cname = cname;
        this.srtp = srtp;
        this.path = path;
        this.stats = stats;
        this.wallClock = wallClock;
        this.nanoClock = nanoClock;
        this.keyframes = new KeyframeRequestLimiter(nanoClock);
        this.keyframeRequest = keyframeRequest;
        this.retransmit = retransmit;
    }

    /** Reads one decrypted RTCP compound; true when it carried a BYE. */
    boolean read(byte[] packet, int offset, int length) {
        reader.read(packet, offset, length);
        return bye;
    }

    void onFrameSent(long timestamp90k) {
        lastFrameTimestamp90k = timestamp90k;
        lastFrameNanos = nanoClock.getAsLong();
    }

    @Override
    public void onReportBlocks(int senderSsrc, List<ReportBlock> blocks) {
        if (blocks.isEmpty()) return;
        ReportBlock b = blocks.get(0);
        stats.viewerLost = b.cumulativeLost();
        long rtt = b.roundTripMillis(NtpTime.fromInstant(wallClock.instant()));
        if (rtt >= 0) stats.roundTripMillis = rtt;
    }

    @Override
    public void onNack(int senderSsrc, int mediaSsrc, int[] lostSequences) {
        stats.nacksReceived.increment();
        for (int seq : lostSequences) retransmit.accept(seq);
    }

    @Override
    public void onPictureLoss(int senderSsrc, int mediaSsrc) {
        stats.pliReceived.increment();
        answerKeyframeRequest();
    }

    @Override
    public void onFullIntraRequest(int senderSsrc, int targetSsrc, int sequenceNumber) {
        stats.firReceived.increment();
        answerKeyframeRequest();
    }

    private void answerKeyframeRequest() {
        if (keyframes.tryAcquire()) {
            stats.keyframeRequestsAnswered.increment();
            keyframeRequest.run();
        }
    }

    @Override
    public void onBye(int[] ssrcs, String reason) {
        bye = true;
        LOG.fine(() -> "viewer " + clientId + " sent RTCP BYE" + (reason == null ? "" : ": " + reason));
    }

    /** SR + SDES; the RTP timestamp is extrapolated from the last frame sent to "now" on the 90 kHz clock. */
    void sendReport(RtpPacketWriter writer) {
        if (!writer.hasSent()) return;
        send(writer, false);
    }

    void sendBye(RtpPacketWriter writer) {
        send(writer, true);
    }

    private void send(RtpPacketWriter writer, boolean goodbye) {
        long ntp = NtpTime.fromInstant(wallClock.instant());
        long elapsed90k = (nanoClock.getAsLong() - lastFrameNanos) * 90 / 1_000_000;
        int rtpNow = writer.rtpTimestamp(lastFrameTimestamp90k + (writer.hasSent() ? elapsed90k : 0));
        byte[] buf = new byte[SenderReportWriter.compoundLength(cname.length() * 4) + 8 + srtp.rtcpOverhead()];
        int n = goodbye
                ? SenderReportWriter.writeGoodbye(buf, 0, writer.ssrc(), ntp, rtpNow, writer.packetCount(),
                        writer.octetCount(), cname)
                : SenderReportWriter.writeCompound(buf, 0, writer.ssrc(), ntp, rtpNow, writer.packetCount(),
                        writer.octetCount(), cname);
        n = srtp.protectRtcp(buf, n);
        try {
            path.send(buf, 0, n);
        } catch (IOException | RuntimeException e) {
            stats.sendErrors.increment();
        }
    }
}
