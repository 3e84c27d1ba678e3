package com.kvscamera.rtc.net;

/** RFC 7983 demultiplexing of a datagram by its first byte. */
public enum PacketKind {
    STUN, DTLS, RTP_RTCP, UNKNOWN;

    public static PacketKind of(byte first) {
        int b = first & 0xFF;
        if (b <= 3) return STUN;
        if (b >= 20 && b <= 63) return DTLS;
        if (b >= 128 && b <= 191) return RTP_RTCP;
        return UNKNOWN;
    }
}
