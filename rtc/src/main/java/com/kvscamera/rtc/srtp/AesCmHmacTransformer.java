package com.kvscamera.rtc.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1 and §4.2.1). The key stream is produced by one AES/ECB call over a
 * reused buffer of counter blocks instead of re-initialising an AES/CTR Cipher per packet, so the hot path does
 * not allocate; the JDK's ECB path is intrinsified where the CPU has AES instructions.
 */
final class AesCmHmacTransformer extends SrtpTransformer {
    private static final int TAG = 10;
    private final Cipher ecb;
    private final Mac hmac;
    private final byte[] sessionSalt;
    private final byte[] digest = new byte[20];
    private final byte[] rocBytes = new byte[4];
    private byte[] counters = new byte[1536];
    private byte[] keyStream = new byte[1536];

    AesCmHmacTransformer(SrtpMasterKey master, boolean rtcp) {
        int encLabel = rtcp ? SrtpKeyDerivation.LABEL_RTCP_ENCRYPTION : SrtpKeyDerivation.LABEL_RTP_ENCRYPTION;
        int authLabel = rtcp ? SrtpKeyDerivation.LABEL_RTCP_AUTH : SrtpKeyDerivation.LABEL_RTP_AUTH;
        int saltLabel = rtcp ? SrtpKeyDerivation.LABEL_RTCP_SALT : SrtpKeyDerivation.LABEL_RTP_SALT;
        byte[] encKey = SrtpKeyDerivation.derive(master, encLabel, 16);
        byte[] authKey = SrtpKeyDerivation.derive(master, authLabel, 20);
        this.sessionSalt = SrtpKeyDerivation.derive(master, saltLabel, 14);
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"));
            hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/HmacSHA1 unavailable in this JRE", e);
        } finally {
            java.util.Arrays.fill(encKey, (byte) 0);
            java.util.Arrays.fill(authKey, (byte) 0);
        }
    }

    @Override
    int tagLength() {
        return TAG;
    }

    @Override
    int protectRtp(byte[] buf, int len, int hdrLen, int ssrc, long index) {
        crypt(buf, hdrLen, len - hdrLen, ssrc, index);
        authenticate(buf, len, (int) (index >>> 16), true);
        System.arraycopy(digest, 0, buf, len, TAG);
        return len + TAG;
    }

    @Override
    int unprotectRtp(byte[] buf, int len, int hdrLen, int ssrc, long index) {
        int authLen = len - TAG;
        authenticate(buf, authLen, (int) (index >>> 16), true);
        if (!constantTimeEquals(digest, 0, buf, authLen, TAG)) {
            return -1;
        }
        crypt(buf, hdrLen, authLen - hdrLen, ssrc, index);
        return authLen;
    }

    @Override
    int protectRtcp(byte[] buf, int len, int ssrc, int srtcpIndex) {
        crypt(buf, 8, len - 8, ssrc, srtcpIndex);
        putInt(buf, len, 0x80000000 | srtcpIndex);
        authenticate(buf, len + 4, 0, false);
        System.arraycopy(digest, 0, buf, len + 4, TAG);
        return len + 4 + TAG;
    }

    @Override
    int unprotectRtcp(byte[] buf, int len, int ssrc) {
        int authLen = len - TAG;
        authenticate(buf, authLen, 0, false);
        if (!constantTimeEquals(digest, 0, buf, authLen, TAG)) {
            return -1;
        }
        int word = getInt(buf, authLen - 4);
        int plainLen = authLen - 4;
        if (word < 0) { // E bit set: the payload after the sender SSRC is encrypted
            crypt(buf, 8, plainLen - 8, ssrc, word & 0x7FFFFFFF);
        }
        return plainLen;
    }

    @Override
    int rtcpIndexOffset(int len) {
        return len - TAG - 4;
    }

    private void authenticate(byte[] buf, int len, int roc, boolean appendRoc) {
        hmac.update(buf, 0, len);
        if (appendRoc) {
            putInt(rocBytes, 0, roc);
            hmac.update(rocBytes);
        }
        try {
            hmac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** XORs the AES-CM key stream for (ssrc, index) over buf[off, off+n). */
    private void crypt(byte[] buf, int off, int n, int ssrc, long index) {
        if (n <= 0) {
            return;
        }
        int blocks = (n + 15) >>> 4;
        int bytes = blocks << 4;
        if (counters.length < bytes) {
            counters = new byte[bytes];
            keyStream = new byte[bytes];
        }
        // IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16); the low 16 bits count blocks.
        byte[] c = counters;
        System.arraycopy(sessionSalt, 0, c, 0, 14);
        c[4] ^= (byte) (ssrc >>> 24);
        c[5] ^= (byte) (ssrc >>> 16);
        c[6] ^= (byte) (ssrc >>> 8);
        c[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            c[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        c[14] = 0;
        c[15] = 0;
        for (int b = 1; b < blocks; b++) {
            int p = b << 4;
            System.arraycopy(c, 0, c, p, 14);
            c[p + 14] = (byte) (b >>> 8);
            c[p + 15] = (byte) b;
        }
        try {
            ecb.update(c, 0, bytes, keyStream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < n; i++) {
            buf[off + i] ^= keyStream[i];
        }
    }
}
