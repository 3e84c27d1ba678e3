package com.kvscamera.rtc.rtcp;

/** RTCP packet types and feedback message types used by a WebRTC video sender. */
public final class RtcpType {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** RFC 4585 transport-layer feedback; FMT 1 = generic NACK, 15 = transport-cc (ignored). */
    public static final int RTPFB = 205;
    /** RFC 4585 payload-specific feedback; FMT 1 = PLI, 4 = FIR (RFC 5104), 15 = application layer (REMB). */
    public static final int PSFB = 206;

    public static final int FMT_NACK = 1;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_AFB = 15;

    public static final int SDES_CNAME = 1;

    private RtcpType() {
    }
}
