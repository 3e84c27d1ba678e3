package com.kvscamera.rtc.srtp;

/**
 * The cryptographic transform of one profile for one key direction and one of RTP or RTCP: session keys,
 * and reusable Cipher/Mac instances. Not thread-safe: each instance is used by one thread at a time
 * (the {@link SrtpSession} locks guarantee that).
 *
 * All methods work in place on {@code buf}; protect needs {@code overhead} spare bytes after the packet.
 */
abstract class SrtpTransformer {

    static SrtpTransformer create(SrtpMasterKey master, boolean rtcp) {
        return switch (master.profile()) {
            case AES_CM_128_HMAC_SHA1_80 -> new AesCmHmacTransformer(master, rtcp);
            case AEAD_AES_128_GCM -> new AesGcmTransformer(master, rtcp);
        };
    }

    /** Encrypts and authenticates an RTP packet whose header is {@code hdrLen} bytes; returns the new length. */
    abstract int protectRtp(byte[] buf, int len, int hdrLen, int ssrc, long index);

    /** Verifies and decrypts; returns the plaintext length, or -1 if authentication fails. */
    abstract int unprotectRtp(byte[] buf, int len, int hdrLen, int ssrc, long index);

    /** Encrypts an RTCP compound packet and appends the E||index word and tag; returns the new length. */
    abstract int protectRtcp(byte[] buf, int len, int ssrc, int srtcpIndex);

    /**
     * Verifies and (if the E bit is set) decrypts an SRTCP packet of at least {@link #minRtcpLength()} bytes;
     * returns the plaintext RTCP length or -1 if authentication fails.
     */
    abstract int unprotectRtcp(byte[] buf, int len, int ssrc);

    /** Offset of the E||SRTCP index word in a protected RTCP packet of length {@code len}. */
    abstract int rtcpIndexOffset(int len);

    abstract int tagLength();

    final int minRtcpLength() {
        return 8 + 4 + tagLength();
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Compares in time independent of where the first difference is, so tags cannot be guessed byte by byte. */
    static boolean constantTimeEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
