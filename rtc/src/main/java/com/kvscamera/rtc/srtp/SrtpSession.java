package com.kvscamera.rtc.srtp;

/**
 * SRTP/SRTCP for one peer: protects what we send with the local master key and unprotects what we receive
 * with the remote one. All four operations work in place on the caller's buffer and return the new length.
 *
 * <p>Threading: each operation (protect RTP, protect RTCP, unprotect RTP, unprotect RTCP) holds its own lock,
 * so the media sender, the RTCP timer and the network receiver may call concurrently without contending with
 * each other; calls of the same operation are serialised. State inside is owned by that lock.
 *
 * <p>Written on javax.crypto rather than jitsi-srtp: jitsi-srtp drags jitsi-utils, Kotlin and JNA (about 6 MB
 * more on the device) and its native OpenSSL path has no 32-bit ARM build; the two profiles we need are a few
 * hundred lines and are checked against the RFC 3711 and libsrtp vectors.
 */
public final class SrtpSession {
    private final SrtpProfile profile;
    private final SrtpRtpContext outRtp;
    private final SrtcpContext outRtcp;
    private final SrtpRtpContext inRtp;
    private final SrtcpContext inRtcp;
    private final SrtpStats stats = new SrtpStats();
    private final Object outRtpLock = new Object();
    private final Object outRtcpLock = new Object();
    private final Object inRtpLock = new Object();
    private final Object inRtcpLock = new Object();

    public SrtpSession(SrtpKeyingMaterial keys) {
        if (keys.local().profile() != keys.remote().profile()) {
            throw new IllegalArgumentException("local and remote SRTP keys use different profiles");
        }
        this.profile = keys.local().profile();
        this.outRtp = new SrtpRtpContext(keys.local());
        this.outRtcp = new SrtcpContext(keys.local());
        this.inRtp = new SrtpRtpContext(keys.remote());
        this.inRtcp = new SrtcpContext(keys.remote());
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Bytes {@link #protectRtp} appends; the buffer must have this much room after the packet. */
    public int rtpOverhead() {
        return profile.tagLength();
    }

    /** Bytes {@link #protectRtcp} appends (E||index word and tag). */
    public int rtcpOverhead() {
        return profile.rtcpOverhead();
    }

    /**
     * Encrypts and authenticates an RTP packet in place.
     *
     * @param packet RTP packet at offset 0, with at least {@link #rtpOverhead()} spare bytes after {@code length}
     * @return the SRTP packet length
     * @throws IllegalArgumentException if the packet is not RTP or the buffer is too small (a bug in the caller)
     */
    public int protectRtp(byte[] packet, int length) {
        synchronized (outRtpLock) {
            int n = outRtp.protect(packet, length);
            stats.rtpProtected.increment();
            return n;
        }
    }

    /** Encrypts and authenticates an RTCP compound packet in place; see {@link #rtcpOverhead()}. */
    public int protectRtcp(byte[] packet, int length) {
        synchronized (outRtcpLock) {
            int n = outRtcp.protect(packet, length);
            stats.rtcpProtected.increment();
            return n;
        }
    }

    /**
     * Verifies and decrypts an SRTCP packet in place.
     *
     * @return the plain RTCP length, or -1 if the packet was dropped (malformed, forged or replayed; counted in
     *     {@link #stats()}). Never throws for bad input.
     */
    public int unprotectRtcp(byte[] packet, int length) {
        synchronized (inRtcpLock) {
            return count(inRtcp.unprotect(packet, length), true);
        }
    }

    /** Verifies and decrypts an SRTP packet in place; returns -1 when dropped, like {@link #unprotectRtcp}. */
    public int unprotectRtp(byte[] packet, int length) {
        synchronized (inRtpLock) {
            return count(inRtp.unprotect(packet, length), false);
        }
    }

    public SrtpStats stats() {
        return stats;
    }

    /** Rollover counter of an inbound SSRC, -1 if unknown (for tests and diagnostics). */
    int inboundRolloverCounter(int ssrc) {
        synchronized (inRtpLock) {
            return inRtp.rolloverCounter(ssrc);
        }
    }

    private int count(int result, boolean rtcp) {
        if (result >= 0) {
            (rtcp ? stats.rtcpUnprotected : stats.rtpUnprotected).increment();
            return result;
        }
        switch (result) {
            case SrtpRtpContext.DROP_AUTH -> stats.authFailed.increment();
            case SrtpRtpContext.DROP_REPLAY -> stats.replayed.increment();
            default -> stats.malformed.increment();
        }
        return -1;
    }

    @Override
    public String toString() {
        return "SrtpSession[" + profile + "]";
    }
}
