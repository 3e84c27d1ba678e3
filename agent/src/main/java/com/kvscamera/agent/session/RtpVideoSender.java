package com.kvscamera.agent.session;

import com.kvscamera.agent.media.AccessUnit;
import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.rtp.H264Packetizer;
import com.kvscamera.rtc.rtp.PacketPacer;
import com.kvscamera.rtc.rtp.RtpHeader;
import com.kvscamera.rtc.rtp.RetransmissionBuffer;
import com.kvscamera.rtc.rtp.RtpPacketWriter;
import com.kvscamera.rtc.rtp.RtpPayload;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The media half of a session: each access unit's RTP payloads (RFC 6184 mode 1) are computed once for all viewers
 * ({@link #payloads}); this viewer queues them in its pacer and, as each is due, writes it as RTP with its SSRC
 * and sequence into one reusable buffer, SRTP-protects it, remembers it for NACKs and sends it on the selected ICE
 * path. Sequence numbers are given when a packet leaves, so packets dropped from the queue leave no gap.
 * RTCP from the viewer is handled by {@link RtcpHandler}.
 *
 * <p>Threads: frames arrive on the feed's thread, the pacer's drain runs on {@code media}; both hold this object's
 * lock for the few microseconds a packet takes. NACK retransmissions come from the receive path and only touch
 * the (synchronized) retransmission buffer and the path.
 */
final class RtpVideoSender implements VideoSender {
    private static final Logger LOG = Logger.getLogger(RtpVideoSender.class.getName());
    /** Largest protected RTP packet: the Ethernet MTU; the packetizer's budget keeps every packet below it. */
    static final int MAX_PACKET = 1500;

    private final H264Packetizer packetizer;
    private final RtpPacketWriter writer;
    private final SrtpSession srtp;
    private final PacketSender path;
    private final SessionStats stats;
    private final RetransmissionBuffer retransmissions;
    private final PacketPacer<Queued> pacer;
    /** Where each packet is written and protected before it is sent; the path and the ring copy it. */
    private final byte[] packet;
    private final ScheduledExecutorService media;
    private final RtcpHandler rtcp;
    private final String clientId;

    // guarded by this
    private boolean waitingForKeyframe;
    private boolean closed;
    private ScheduledFuture<?> drainTimer;
    private long lastDropLogNanos;
    private long framesSkipped;

    RtpVideoSender(String clientId, String cname, H264Packetizer packetizer, RtpPacketWriter writer,
                   SrtpSession srtp, PacketSender path, SessionStats stats, ScheduledExecutorService media,
                   LongSupplier nanoClock, Clock wallClock, Runnable keyframeRequest) {
        this.clientId = clientId;
        this.packetizer = packetizer;
        this.writer = writer;
        this.srtp = srtp;
        this.path = path;
        this.stats = stats;
        this.media = media;
        this.rtcp = new RtcpHandler(clientId, cname, srtp, path, stats, wallClock, nanoClock, keyframeRequest,
                this::retransmit);
        this.retransmissions = new RetransmissionBuffer(RetransmissionBuffer.DEFAULT_CAPACITY, MAX_PACKET);
        this.pacer = new PacketPacer<>(nanoClock);
        this.packet = new byte[RtpHeader.FIXED_LENGTH + packetizer.maxPayload() + srtp.rtpOverhead()];
    }

    /** A payload waiting in the pacer, with the viewer's timestamp of its picture. */
    private record Queued(RtpPayload payload, long timestamp90k) {}

    /** Key of the payloads in {@link AccessUnit#derive}: they depend on the packetizer's budget only. */
    private record PayloadsKey(int maxPayload) {}

    /** The picture's RTP payloads, packetized by the first viewer that sends it and shared by every other. */
    static List<RtpPayload> payloads(AccessUnit frame, H264Packetizer packetizer) {
        return frame.derive(new PayloadsKey(packetizer.maxPayload()), au -> {
            List<byte[]> nals = new ArrayList<>(au.nalCount());
            for (int i = 0; i < au.nalCount(); i++) nals.add(au.nalBytes(i)); // the payloads reference these copies
            return List.copyOf(packetizer.packetize(nals));
        });
    }

    /**
     * Senders for sessions: one packetizer budget for all (from the configured MTU), pacing timers on
     * {@code media}, random SSRC-independent sequence and timestamp starts per viewer.
     */
    static VideoSender.Factory factory(H264Packetizer packetizer, ScheduledExecutorService media, Clock wallClock,
                                       RandomGenerator random) {
        return (clientId, payloadType, ssrc, cname, transport, stats, keyframeRequest) -> new RtpVideoSender(
                clientId, cname, packetizer,
                new RtpPacketWriter((int) ssrc, payloadType, random.nextInt(0x8000), random.nextInt()),
                transport.srtp(), transport.path(), stats, media, System::nanoTime, wallClock, keyframeRequest);
    }

    @Override
    public synchronized void sendFrame(AccessUnit frame) {
        if (closed) return;
        if (waitingForKeyframe) {
            if (!frame.keyframe()) {
                framesSkipped++;
                return;
            }
            waitingForKeyframe = false;
        }
        int overhead = RtpHeader.FIXED_LENGTH + srtp.rtpOverhead();
        for (RtpPayload payload : payloads(frame, packetizer)) {
            if (!pacer.offer(new Queued(payload, frame.timestamp90k()), overhead + payload.length())) {
                // The viewer cannot keep up: drop what is queued and resume at the next keyframe, so the decoder
                // gets a clean picture instead of a smear of half frames.
                pacer.clear();
                waitingForKeyframe = true;
                logDrop();
                return;
            }
        }
        stats.framesSent.increment();
        rtcp.onFrameSent(frame.timestamp90k());
        drain();
    }

    private void logDrop() {
        long now = System.nanoTime();
        if (now - lastDropLogNanos > TimeUnit.SECONDS.toNanos(1)) {
            lastDropLogNanos = now;
            LOG.warning("viewer " + clientId + " is too slow: dropped queued packets, waiting for the next keyframe"
                    + " (" + framesSkipped + " frames skipped so far)");
        }
    }

    private synchronized void drainLater() {
        drainTimer = null;
        drain();
    }

    /** Sends what the pacer lets out now and schedules the rest. Holds the lock. */
    private void drain() {
        if (closed || drainTimer != null) return;
        long wait = pacer.drain(this::transmit);
        if (wait > 0) {
            drainTimer = media.schedule(this::drainLater, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes, protects, remembers and sends one packet. Holds the lock (called from {@link #drain}). */
    private void transmit(Queued q) {
        int n;
        try {
            n = writer.write(q.payload(), q.timestamp90k(), packet, 0);
            n = srtp.protectRtp(packet, n);
        } catch (RuntimeException e) {
            stats.sendErrors.increment();
            LOG.log(Level.FINE, "packet for " + clientId + " could not be written", e);
            return;
        }
        retransmissions.store(packet, 0, n);
        try {
            path.send(packet, 0, n);
            stats.packetsSent.increment();
            stats.bytesSent.add(n);
        } catch (IOException | RuntimeException e) {
            stats.sendErrors.increment();
            LOG.log(Level.FINE, "send to " + clientId + " failed", e);
        }
    }

    /** Resends NACKed packets exactly as they first went out (see {@link RetransmissionBuffer}). */
    void retransmit(int sequence) {
        byte[] buf = new byte[MAX_PACKET];
        int n = retransmissions.copy(sequence, buf, 0);
        if (n < 0) return;
        try {
            path.send(buf, 0, n);
            stats.packetsRetransmitted.increment();
            stats.bytesSent.add(n);
        } catch (IOException | RuntimeException e) {
            stats.sendErrors.increment();
        }
    }

    @Override
    public boolean onRtcp(byte[] packet, int offset, int length) {
        return rtcp.read(packet, offset, length);
    }

    @Override
    public synchronized void sendReport() {
        if (!closed) rtcp.sendReport(writer);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (drainTimer != null) drainTimer.cancel(false);
        pacer.clear();
        retransmissions.clear();
        rtcp.sendBye(writer);
    }
}
