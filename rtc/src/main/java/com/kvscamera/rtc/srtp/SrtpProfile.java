package com.kvscamera.rtc.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles this stack negotiates in DTLS use_srtp (RFC 5764 §4.1.2, RFC 7714 §14.2),
 * with the master key/salt and tag sizes that the keying material split (RFC 5764 §4.2) depends on.
 */
public enum SrtpProfile {
    /** RFC 3711 default: AES-128 counter mode, HMAC-SHA1 tag truncated to 80 bits, 112-bit master salt. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10),
    /** RFC 7714: AES-128-GCM with a 128-bit tag and a 96-bit master salt; what current browsers prefer. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16);

    private final int dtlsId;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int dtlsId, int keyLength, int saltLength, int tagLength) {
        this.dtlsId = dtlsId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The SRTPProtectionProfile number carried in the use_srtp extension. */
    public int dtlsId() {
        return dtlsId;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** Authentication tag length in bytes, for both SRTP and SRTCP. */
    public int tagLength() {
        return tagLength;
    }

    /** Bytes that protecting an RTCP packet appends: the tag plus the 4-byte E||SRTCP index word. */
    public int rtcpOverhead() {
        return tagLength + 4;
    }

    public static Optional<SrtpProfile> fromDtlsId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsId == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
