package com.kvscamera.rtc.rtp;

import java.util.random.RandomGenerator;

/**
 * Writes the RTP packets of one outgoing stream (one viewer): fixed SSRC and payload type, a sequence number
 * that starts at a random value and increments per packet, and a random timestamp offset added to the caller's
 * 90 kHz media clock (RFC 3550 §5.1: both initial values random so that a stream is not predictable and two
 * viewers of the same camera are unrelated on the wire).
 *
 * <p>Not thread-safe: owned by the viewer's sending thread. Packet and octet counts feed the sender report,
 * so the RTCP timer must read them on the same thread (or accept a slightly stale value).
 */
public final class RtpPacketWriter {
    private final int ssrc;
    private final int payloadType;
    private final int timestampOffset;
    private int nextSequence;
    private long packetCount;
    private long octetCount;
    private int lastTimestamp;
    private boolean sentAny;

    public RtpPacketWriter(int ssrc, int payloadType, int initialSequence, int timestampOffset) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType must be 0..127, got " + payloadType);
        }
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.nextSequence = initialSequence & 0xFFFF;
        this.timestampOffset = timestampOffset;
    }

    /**
     * A writer with a random initial sequence number and timestamp offset. The sequence start is kept below
     * 2^15 as libwebrtc does, so the receiver's extended sequence numbers do not wrap in the first packets.
     */
    public static RtpPacketWriter create(int ssrc, int payloadType, RandomGenerator random) {
        return new RtpPacketWriter(ssrc, payloadType, random.nextInt(0x8000), random.nextInt());
    }

    /** A random non-zero SSRC (zero confuses some RTCP implementations that use it as "unset"). */
    public static int randomSsrc(RandomGenerator random) {
        int s;
        do {
            s = random.nextInt();
        } while (s == 0);
        return s;
    }

    /**
     * Writes header and payload into {@code out} at {@code off} and advances the sequence number.
     *
     * @param mediaTimestamp90k the access unit's 90 kHz timestamp on the caller's clock
     * @return the packet length
     * @throws IllegalArgumentException if the packet does not fit in {@code out}
     */
    public int write(RtpPayload payload, long mediaTimestamp90k, byte[] out, int off) {
        int len = RtpHeader.FIXED_LENGTH + payload.length();
        if (off < 0 || out.length - off < len) {
            throw new IllegalArgumentException("packet of " + len + " bytes does not fit the buffer at offset " + off);
        }
        int ts = rtpTimestamp(mediaTimestamp90k);
        RtpHeader.write(out, off, payload.marker(), payloadType, nextSequence, ts, ssrc);
        payload.copyTo(out, off + RtpHeader.FIXED_LENGTH);
        nextSequence = (nextSequence + 1) & 0xFFFF;
        packetCount++;
        octetCount += payload.length();
        lastTimestamp = ts;
        sentAny = true;
        return len;
    }

    /** The RTP timestamp that a 90 kHz media timestamp maps to on this stream (also used for sender reports). */
    public int rtpTimestamp(long mediaTimestamp90k) {
        return (int) (mediaTimestamp90k + timestampOffset);
    }

    public int ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }

    /** Sequence number the next packet will carry. */
    public int nextSequence() {
        return nextSequence;
    }

    /** RTP packets written so far (RFC 3550 sender's packet count). */
    public long packetCount() {
        return packetCount;
    }

    /** Payload octets written so far, headers excluded (RFC 3550 sender's octet count). */
    public long octetCount() {
        return octetCount;
    }

    /** RTP timestamp of the last packet written; meaningful only if {@link #hasSent()}. */
    public int lastTimestamp() {
        return lastTimestamp;
    }

    public boolean hasSent() {
        return sentAny;
    }
}
