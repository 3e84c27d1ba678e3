package com.kvscamera.rtc.srtp;

import static com.kvscamera.rtc.srtp.Hex.bytes;
import static com.kvscamera.rtc.srtp.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3711 B.3 key derivation and the libsrtp srtp_driver.c vectors, byte-exact. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SrtpVectorsTest {
    // RFC 3711 Appendix B.3
    private static final byte[] B3_KEY = bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_SALT = bytes("0EC675AD498AFEEBB6960B3AABE6");

    // libsrtp srtp_driver.c, AES_CM_128_HMAC_SHA1_80 (same master key and salt as B.3)
    private static final String RTP_PLAIN = "800f1234decafbadcafebabeabababababababababababababababab";
    private static final String SRTP_CM = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
    private static final String RTCP_PLAIN = "81c8000bcafebabeabababababababababababababababab";
    private static final String SRTCP_CM = "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798";

    // libsrtp srtp_driver.c, AEAD_AES_128_GCM
    private static final byte[] GCM_KEY = bytes("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_SALT = bytes("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final String SRTP_GCM =
            "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392";
    private static final String SRTCP_GCM =
            "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001";

    @Test
    void rfc3711KeyDerivation() {
        SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_KEY, B3_SALT);
        assertEquals("c61e7a93744f39ee10734afe3ff7a087",
                hex(SrtpKeyDerivation.derive(master, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16), 16));
        assertEquals("30cbbc08863d8c85d49db34a9ae1",
                hex(SrtpKeyDerivation.derive(master, SrtpKeyDerivation.LABEL_RTP_SALT, 14), 14));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4",
                hex(SrtpKeyDerivation.derive(master, SrtpKeyDerivation.LABEL_RTP_AUTH, 20), 20));
    }

    @Test
    void aesCmSrtpMatchesLibsrtp() {
        SrtpSession s = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_KEY, B3_SALT);
        byte[] buf = padded(RTP_PLAIN, 64);
        int n = s.protectRtp(buf, RTP_PLAIN.length() / 2);
        assertEquals(SRTP_CM, hex(buf, n));

        int plain = s.unprotectRtp(buf, n);
        assertEquals(RTP_PLAIN, hex(buf, plain));
    }

    @Test
    void aesCmSrtcpMatchesLibsrtp() {
        SrtpSession s = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_KEY, B3_SALT);
        // The vector carries SRTCP index 1; RFC 3711 §3.4 starts at 0, so the second packet is the vector.
        byte[] first = padded(RTCP_PLAIN, 64);
        s.protectRtcp(first, RTCP_PLAIN.length() / 2);
        byte[] buf = padded(RTCP_PLAIN, 64);
        int n = s.protectRtcp(buf, RTCP_PLAIN.length() / 2);
        assertEquals(SRTCP_CM, hex(buf, n));

        int plain = s.unprotectRtcp(buf, n);
        assertEquals(RTCP_PLAIN, hex(buf, plain));
    }

    @Test
    void gcmSrtpMatchesLibsrtp() {
        SrtpSession s = session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT);
        byte[] buf = padded(RTP_PLAIN, 64);
        int n = s.protectRtp(buf, RTP_PLAIN.length() / 2);
        assertEquals(SRTP_GCM, hex(buf, n));

        int plain = s.unprotectRtp(buf, n);
        assertEquals(RTP_PLAIN, hex(buf, plain));
    }

    @Test
    void gcmSrtcpMatchesLibsrtp() {
        SrtpSession s = session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT);
        s.protectRtcp(padded(RTCP_PLAIN, 64), RTCP_PLAIN.length() / 2);
        byte[] buf = padded(RTCP_PLAIN, 64);
        int n = s.protectRtcp(buf, RTCP_PLAIN.length() / 2);
        assertEquals(SRTCP_GCM, hex(buf, n));

        int plain = s.unprotectRtcp(buf, n);
        assertEquals(RTCP_PLAIN, hex(buf, plain));
    }

    @Test
    void libsrtpCiphertextsUnprotectOnAFreshReceiver() {
        for (String[] v : new String[][] {{"cm", SRTP_CM, SRTCP_CM}, {"gcm", SRTP_GCM, SRTCP_GCM}}) {
            SrtpSession rx = v[0].equals("cm")
                    ? session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_KEY, B3_SALT)
                    : session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT);
            byte[] rtp = bytes(v[1]);
            assertEquals(RTP_PLAIN, hex(rtp, rx.unprotectRtp(rtp, rtp.length)), v[0]);
            byte[] rtcp = bytes(v[2]);
            assertEquals(RTCP_PLAIN, hex(rtcp, rx.unprotectRtcp(rtcp, rtcp.length)), v[0]);
        }
    }

    @Test
    void everyTruncationAndBitFlipIsRejected() {
        for (String[] v : new String[][] {{"cm", SRTP_CM, SRTCP_CM}, {"gcm", SRTP_GCM, SRTCP_GCM}}) {
            for (String vector : new String[] {v[1], v[2]}) {
                boolean rtcp = vector.startsWith("81c8");
                byte[] good = bytes(vector);
                for (int len = good.length - 1; len > 0; len--) {
                    SrtpSession rx = fresh(v[0]);
                    byte[] b = Arrays.copyOf(good, len);
                    assertEquals(-1, rtcp ? rx.unprotectRtcp(b, len) : rx.unprotectRtp(b, len),
                            v[0] + " accepted a truncated packet of " + len);
                }
                for (int i = 0; i < good.length; i++) {
                    for (int bit = 0; bit < 8; bit++) {
                        SrtpSession rx = fresh(v[0]);
                        byte[] b = good.clone();
                        b[i] ^= (byte) (1 << bit);
                        int r = rtcp ? rx.unprotectRtcp(b, b.length) : rx.unprotectRtp(b, b.length);
                        boolean eBitOnly = rtcp && v[0].equals("cm") && i == good.length - 14 && bit == 7;
                        assertEquals(-1, r, v[0] + " accepted a flip of bit " + bit + " in byte " + i
                                + (eBitOnly ? " (E bit)" : ""));
                    }
                }
            }
        }
    }

    private static SrtpSession fresh(String kind) {
        return kind.equals("cm")
                ? session(SrtpProfile.AES_CM_128_HMAC_SHA1_80, B3_KEY, B3_SALT)
                : session(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT);
    }

    static SrtpSession session(SrtpProfile p, byte[] key, byte[] salt) {
        SrtpMasterKey k = new SrtpMasterKey(p, key, salt);
        return new SrtpSession(new SrtpKeyingMaterial(k, k));
    }

    private static byte[] padded(String hex, int capacity) {
        byte[] b = bytes(hex);
        return Arrays.copyOf(b, Math.max(capacity, b.length));
    }

    @Test
    void keyingMaterialSplitFollowsRfc5764() {
        byte[] material = new byte[SrtpKeyingMaterial.exportLength(SrtpProfile.AEAD_AES_128_GCM)];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }
        SrtpKeyingMaterial client = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, material, true);
        SrtpKeyingMaterial server = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, material, false);
        assertArrayEquals(Arrays.copyOfRange(material, 0, 16), client.local().key());
        assertArrayEquals(Arrays.copyOfRange(material, 16, 32), client.remote().key());
        assertArrayEquals(Arrays.copyOfRange(material, 32, 44), client.local().salt());
        assertArrayEquals(Arrays.copyOfRange(material, 44, 56), client.remote().salt());
        assertEquals(true, client.local().sameKeyAs(server.remote()));
        assertEquals(true, client.remote().sameKeyAs(server.local()));
    }
}
