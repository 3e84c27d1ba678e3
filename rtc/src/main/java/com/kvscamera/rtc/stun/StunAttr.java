package com.kvscamera.rtc.stun;

/** Attribute type codes used by ICE (RFC 8445), STUN (RFC 8489) and TURN (RFC 8656). */
public final class StunAttr {
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int CHANNEL_NUMBER = 0x000C;
    public static final int LIFETIME = 0x000D;
    public static final int XOR_PEER_ADDRESS = 0x0012;
    public static final int DATA = 0x0013;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
    public static final int REQUESTED_TRANSPORT = 0x0019;
    public static final int DONT_FRAGMENT = 0x001A;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    private StunAttr() {}

    /** Types 0x0000-0x7FFF are comprehension-required (RFC 8489 §14). */
    public static boolean comprehensionRequired(int type) {
        return type < 0x8000;
    }

    public static boolean known(int type) {
        return switch (type) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, CHANNEL_NUMBER, LIFETIME,
                 XOR_PEER_ADDRESS, DATA, REALM, NONCE, XOR_RELAYED_ADDRESS, REQUESTED_ADDRESS_FAMILY,
                 REQUESTED_TRANSPORT, DONT_FRAGMENT, MESSAGE_INTEGRITY_SHA256, XOR_MAPPED_ADDRESS, PRIORITY,
                 USE_CANDIDATE, SOFTWARE, FINGERPRINT, ICE_CONTROLLED, ICE_CONTROLLING -> true;
            default -> false;
        };
    }
}
