package com.kvscamera.rtc.sdp;

import java.util.Objects;

/**
 * Our ICE credentials, DTLS certificate fingerprint and preferred DTLS role, as written into the answer.
 *
 * @param preferredSetup the role taken when the offer says actpass; see {@link DtlsSetup} for why ACTIVE is the
 *                       default
 */
public record LocalTransport(String iceUfrag, String icePwd, Fingerprint fingerprint, DtlsSetup preferredSetup) {

    public LocalTransport {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(preferredSetup, "preferredSetup");
        // RFC 8839 §5.4 ice-char = ALPHA / DIGIT / "+" / "/"; libwebrtc rejects anything else, and pwd < 22 chars
        if (iceUfrag == null || !iceUfrag.matches("[A-Za-z0-9+/]{4,256}")) {
            throw new IllegalArgumentException("iceUfrag must be 4..256 ice-chars [A-Za-z0-9+/]");
        }
        if (icePwd == null || !icePwd.matches("[A-Za-z0-9+/]{22,256}")) {
            throw new IllegalArgumentException("icePwd must be 22..256 ice-chars [A-Za-z0-9+/]");
        }
        if (preferredSetup != DtlsSetup.ACTIVE && preferredSetup != DtlsSetup.PASSIVE) {
            throw new IllegalArgumentException("preferredSetup must be ACTIVE or PASSIVE, got " + preferredSetup);
        }
    }

    public LocalTransport(String iceUfrag, String icePwd, Fingerprint fingerprint) {
        this(iceUfrag, icePwd, fingerprint, DtlsSetup.ACTIVE);
    }

    @Override
    public String toString() {
        // the ICE password authenticates connectivity checks: keep it out of logs
        return "LocalTransport[iceUfrag=" + iceUfrag + ", icePwd=***, fingerprint=" + fingerprint + ", preferredSetup=" + preferredSetup + "]";
    }
}
