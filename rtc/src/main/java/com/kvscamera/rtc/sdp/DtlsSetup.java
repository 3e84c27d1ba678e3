package com.kvscamera.rtc.sdp;

/**
 * RFC 4145 / RFC 8842 {@code a=setup} values. {@link #ACTIVE} is the DTLS client, {@link #PASSIVE} the server.
 *
 * <p>Our default answer to {@code actpass} (Chrome, Firefox, Alexa, KVS viewers) is {@link #ACTIVE}:
 * RFC 5763 §5 recommends it (the answerer can start the handshake as soon as ICE connects), it is what
 * libwebrtc, pion and the KVS C SDK answer (so every offerer, Echo Show included, is well exercised as the
 * DTLS server), and it keeps our BouncyCastle DTLS 1.2 stack from having to accept the large fragmented
 * DTLS 1.3 ClientHellos that current browsers send as clients. {@link #PASSIVE} remains available as a setting.
 */
public enum DtlsSetup {
    ACTIVE("active"), PASSIVE("passive"), ACTPASS("actpass"), HOLDCONN("holdconn");

    private final String sdp;

    DtlsSetup(String sdp) {
        this.sdp = sdp;
    }

    public String sdpValue() {
        return sdp;
    }

    /** True when this side runs the DTLS client (sends the ClientHello). */
    public boolean isDtlsClient() {
        return this == ACTIVE;
    }

    public static DtlsSetup parse(String value, int lineNumber) throws SdpException {
        if (value != null) {
            for (DtlsSetup s : values()) {
                if (s.sdp.equalsIgnoreCase(value.trim())) return s;
            }
        }
        throw new SdpException(lineNumber, "a=setup must be active, passive, actpass or holdconn, got '" + value + "'");
    }

    /**
     * The role an answerer takes.
     *
     * @param offered   the offer's setup, or null when the offer has none (RFC 4145 §4: absent means active)
     * @param preferred what we take when the offer leaves the choice to us: {@link #ACTIVE} or {@link #PASSIVE}
     */
    public static DtlsSetup answerFor(DtlsSetup offered, DtlsSetup preferred, int lineNumber) throws SdpException {
        if (preferred != ACTIVE && preferred != PASSIVE) {
            throw new IllegalArgumentException("preferred setup must be ACTIVE or PASSIVE, got " + preferred);
        }
        if (offered == null || offered == ACTIVE) return PASSIVE;
        if (offered == PASSIVE) return ACTIVE;
        if (offered == ACTPASS) return preferred;
        throw new SdpException(lineNumber, "a=setup:holdconn offers no DTLS connection to answer");
    }
}
