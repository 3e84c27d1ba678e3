package com.kvscamera.rtc.srtp;

/**
 * The few RTP header fields SRTP needs (RFC 3550 §5.1). Kept here rather than depending on the rtp package
 * so that SRTP can validate untrusted packets on its own terms.
 */
final class RtpHeader {
    private RtpHeader() {
    }

    /** Header length including CSRCs and the extension, or -1 if the packet is not well-formed RTP v2. */
    static int length(byte[] buf, int len) {
        if (len < 12 || (buf[0] & 0xC0) != 0x80) {
            return -1;
        }
        int hdr = 12 + 4 * (buf[0] & 0x0F);
        if ((buf[0] & 0x10) != 0) {
            if (len < hdr + 4) {
                return -1;
            }
            int words = ((buf[hdr + 2] & 0xFF) << 8) | (buf[hdr + 3] & 0xFF);
            hdr += 4 + 4 * words;
        }
        return hdr <= len ? hdr : -1;
    }

    static int sequence(byte[] buf) {
        return ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
    }

    static int ssrc(byte[] buf) {
        return SrtpTransformer.getInt(buf, 8);
    }
}
