package com.kvscamera.rtc.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RFC 3711 §4.3 key derivation with key_derivation_rate 0 (the only rate DTLS-SRTP uses). The same
 * AES-CM PRF derives the GCM session keys (RFC 7714 §11), with the 96-bit master salt zero-padded to 112 bits
 * as libsrtp does.
 */
final class SrtpKeyDerivation {
    static final int LABEL_RTP_ENCRYPTION = 0;
    static final int LABEL_RTP_AUTH = 1;
    static final int LABEL_RTP_SALT = 2;
    static final int LABEL_RTCP_ENCRYPTION = 3;
    static final int LABEL_RTCP_AUTH = 4;
    static final int LABEL_RTCP_SALT = 5;

    private SrtpKeyDerivation() {
    }

    /** Derives {@code length} bytes of session key material for {@code label}. */
    static byte[] derive(SrtpMasterKey master, int label, int length) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(master.key(), "AES"));
            byte[] x = new byte[16];
            byte[] salt = master.salt();
            System.arraycopy(salt, 0, x, 0, salt.length);
            // key_id = label || r with r = 0; it sits right-aligned in the 112-bit x, so the label lands on byte 7.
            x[7] ^= (byte) label;
            byte[] out = new byte[length];
            byte[] block = new byte[16];
            for (int counter = 0, pos = 0; pos < length; counter++, pos += 16) {
                x[14] = (byte) (counter >>> 8);
                x[15] = (byte) counter;
                aes.doFinal(x, 0, 16, block, 0);
                System.arraycopy(block, 0, out, pos, Math.min(16, length - pos));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is unavailable in this JRE", e);
        }
    }
}
