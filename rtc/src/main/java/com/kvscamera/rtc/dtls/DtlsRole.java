package com.kvscamera.rtc.dtls;

import java.util.Locale;

/** Which end of the DTLS handshake we are; follows from the {@code a=setup} attribute of our SDP (RFC 5763 §5). */
public enum DtlsRole {
    /** We wrote {@code a=setup:active}: we send the ClientHello. */
    CLIENT,
    /** We wrote {@code a=setup:passive}: the peer sends the ClientHello (the usual answer to a browser). */
    SERVER;

    /**
     * The role for the {@code a=setup} value in OUR description.
     *
     * @throws IllegalArgumentException for {@code actpass} (an answer must choose) or unknown values
     */
    public static DtlsRole forLocalSetup(String setup) {
        return switch (setup.trim().toLowerCase(Locale.ROOT)) {
            case "active" -> CLIENT;
            case "passive" -> SERVER;
            default -> throw new IllegalArgumentException(
                    "local a=setup must be 'active' or 'passive' to pick a DTLS role, got '" + setup + "'");
        };
    }

    /** The {@code a=setup} value that describes this role in our SDP. */
    public String setupAttribute() {
        return this == CLIENT ? "active" : "passive";
    }
}
