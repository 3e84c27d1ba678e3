package com.kvscamera.rtc.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM (RFC 7714). javax.crypto's GCM must be re-initialised per packet with a new IV (the JDK
 * refuses IV reuse for encryption), which costs one small GCMParameterSpec per packet; that is the only
 * per-packet allocation and is accepted to keep GHASH in the JDK's intrinsified code.
 */
final class AesGcmTransformer extends SrtpTransformer {
    private static final int TAG = 16;
    private final Cipher gcm;
    private final SecretKey key;
    private final byte[] sessionSalt;
    private final byte[] iv = new byte[12];
    private final byte[] eIndex = new byte[4];

    AesGcmTransformer(SrtpMasterKey master, boolean rtcp) {
        int encLabel = rtcp ? SrtpKeyDerivation.LABEL_RTCP_ENCRYPTION : SrtpKeyDerivation.LABEL_RTP_ENCRYPTION;
        int saltLabel = rtcp ? SrtpKeyDerivation.LABEL_RTCP_SALT : SrtpKeyDerivation.LABEL_RTP_SALT;
        byte[] encKey = SrtpKeyDerivation.derive(master, encLabel, master.profile().keyLength());
        this.sessionSalt = SrtpKeyDerivation.derive(master, saltLabel, 12);
        this.key = new SecretKeySpec(encKey, "AES");
        java.util.Arrays.fill(encKey, (byte) 0);
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable in this JRE", e);
        }
    }

    @Override
    int tagLength() {
        return TAG;
    }

    @Override
    int protectRtp(byte[] buf, int len, int hdrLen, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(buf, 0, hdrLen);
            return hdrLen + gcm.doFinal(buf, hdrLen, len - hdrLen, buf, hdrLen);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    int unprotectRtp(byte[] buf, int len, int hdrLen, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(buf, 0, hdrLen);
            return hdrLen + gcm.doFinal(buf, hdrLen, len - hdrLen, buf, hdrLen);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    int protectRtcp(byte[] buf, int len, int ssrc, int srtcpIndex) {
        rtcpIv(ssrc, srtcpIndex);
        putInt(eIndex, 0, 0x80000000 | srtcpIndex);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            gcm.updateAAD(buf, 0, 8);
            gcm.updateAAD(eIndex);
            int end = 8 + gcm.doFinal(buf, 8, len - 8, buf, 8);
            System.arraycopy(eIndex, 0, buf, end, 4);
            return end + 4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    int unprotectRtcp(byte[] buf, int len, int ssrc) {
        int word = getInt(buf, len - 4);
        System.arraycopy(buf, len - 4, eIndex, 0, 4);
        rtcpIv(ssrc, word & 0x7FFFFFFF);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            if (word < 0) {
                gcm.updateAAD(buf, 0, 8);
                gcm.updateAAD(eIndex);
                return 8 + gcm.doFinal(buf, 8, len - 4 - 8, buf, 8);
            }
            // E bit clear (RFC 7714 §9.2): the whole RTCP packet is AAD and only the tag is "decrypted".
            int plainLen = len - 4 - TAG;
            gcm.updateAAD(buf, 0, plainLen);
            gcm.updateAAD(eIndex);
            gcm.doFinal(buf, plainLen, TAG, buf, plainLen);
            return plainLen;
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    int rtcpIndexOffset(int len) {
        return len - 4;
    }

    /** RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt. */
    private void rtpIv(int ssrc, long index) {
        iv[0] = 0;
        iv[1] = 0;
        putInt(iv, 2, ssrc);
        putInt(iv, 6, (int) (index >>> 16));
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt();
    }

    /** RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
    private void rtcpIv(int ssrc, int index) {
        iv[0] = 0;
        iv[1] = 0;
        putInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        putInt(iv, 8, index & 0x7FFFFFFF);
        xorSalt();
    }

    private void xorSalt() {
        for (int i = 0; i < 12; i++) {
            iv[i] ^= sessionSalt[i];
        }
    }
}
