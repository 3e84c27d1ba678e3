package com.kvscamera.rtc.rtp;

/**
 * RFC 3550 §5.1 fixed header, written and read in place in a caller's buffer. We never send CSRCs or header
 * extensions (the answer offers no extmap), so writing always produces the 12-byte header; reading tolerates
 * both because retransmission and test depacketizing look at packets from any source.
 */
public final class RtpHeader {
    public static final int FIXED_LENGTH = 12;
    public static final int VERSION = 2;

    private RtpHeader() {
    }

    /** Writes a 12-byte header at {@code off}; values are truncated to their field widths. */
    public static void write(byte[] buf, int off, boolean marker, int payloadType, int sequence, int timestamp, int ssrc) {
        buf[off] = (byte) (VERSION << 6);
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        buf[off + 2] = (byte) (sequence >>> 8);
        buf[off + 3] = (byte) sequence;
        putInt(buf, off + 4, timestamp);
        putInt(buf, off + 8, ssrc);
    }

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xFF) >>> 6;
    }

    public static boolean marker(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int off) {
        return buf[off + 1] & 0x7F;
    }

    public static int sequence(byte[] buf, int off) {
        return ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
    }

    public static int timestamp(byte[] buf, int off) {
        return getInt(buf, off + 4);
    }

    public static int ssrc(byte[] buf, int off) {
        return getInt(buf, off + 8);
    }

    /**
     * Length of the header including CSRCs and an RFC 8285 extension, or -1 when {@code len} is too short
     * or the version is not 2.
     */
    public static int headerLength(byte[] buf, int off, int len) {
        if (len < FIXED_LENGTH || version(buf, off) != VERSION) return -1;
        int csrcCount = buf[off] & 0x0F;
        int n = FIXED_LENGTH + 4 * csrcCount;
        if ((buf[off] & 0x10) != 0) {
            if (len < n + 4) return -1;
            int words = ((buf[off + n + 2] & 0xFF) << 8) | (buf[off + n + 3] & 0xFF);
            n += 4 + 4 * words;
        }
        return n <= len ? n : -1;
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
}
