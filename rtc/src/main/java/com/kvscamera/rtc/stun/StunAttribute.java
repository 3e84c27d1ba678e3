package com.kvscamera.rtc.stun;

import java.nio.charset.StandardCharsets;

/** One TLV attribute; the value is stored without padding. */
public record StunAttribute(int type, byte[] value) {

    public static StunAttribute ofString(int type, String s) {
        return new StunAttribute(type, s.getBytes(StandardCharsets.UTF_8));
    }

    public static StunAttribute ofInt(int type, int v) {
        return new StunAttribute(type, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    public static StunAttribute ofLong(int type, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
        return new StunAttribute(type, b);
    }

    public String asString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Big-endian 32-bit value, or -1 if the attribute is shorter than 4 bytes. */
    public long asUnsignedInt() {
        if (value.length < 4) return -1;
        return ((value[0] & 0xFFL) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8) | (value[3] & 0xFF);
    }

    public long asLong() {
        long v = 0;
        for (int i = 0; i < Math.min(8, value.length); i++) v = (v << 8) | (value[i] & 0xFF);
        return v;
    }
}
