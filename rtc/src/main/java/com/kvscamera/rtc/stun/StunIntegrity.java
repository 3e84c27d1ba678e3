package com.kvscamera.rtc.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT (CRC-32 xor 0x5354554E) per RFC 8489 §14.5 and §14.7. */
public final class StunIntegrity {
    private static final int FINGERPRINT_XOR = 0x5354554E;

    private StunIntegrity() {}

    /** Short-term credential key: the password itself (OpaqueString-prepared; ICE passwords are ASCII). */
    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** Long-term credential key: MD5(username ":" realm ":" password). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is mandatory in every JDK", e);
        }
    }

    static byte[] hmacSha1(byte[] key, byte[] data, int off, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // An empty key is legal in STUN but not for SecretKeySpec; a one-zero-byte key gives the same HMAC.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            mac.update(data, off, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is mandatory in every JDK", e);
        }
    }

    static int fingerprint(byte[] data, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    static boolean verify(StunMessage m, byte[] key) {
        if (m.raw == null || m.integrityOffset < 0 || key == null) return false;
        int p = m.integrityOffset;
        byte[] copy = java.util.Arrays.copyOf(m.raw, p);
        int len = p + 24 - StunMessage.HEADER_LENGTH;
        copy[2] = (byte) (len >>> 8);
        copy[3] = (byte) len;
        byte[] mac = hmacSha1(key, copy, 0, p);
        byte[] got = java.util.Arrays.copyOfRange(m.raw, p + 4, p + 24);
        return MessageDigest.isEqual(mac, got);
    }

    static boolean verifyFingerprint(StunMessage m) {
        if (m.raw == null || m.fingerprintOffset < 0) return false;
        int p = m.fingerprintOffset;
        byte[] copy = java.util.Arrays.copyOf(m.raw, p);
        int len = p + 8 - StunMessage.HEADER_LENGTH;
        copy[2] = (byte) (len >>> 8);
        copy[3] = (byte) len;
        int expected = fingerprint(copy, 0, p);
        int got = ((m.raw[p + 4] & 0xFF) << 24) | ((m.raw[p + 5] & 0xFF) << 16) | ((m.raw[p + 6] & 0xFF) << 8)
                | (m.raw[p + 7] & 0xFF);
        return expected == got;
    }
}
