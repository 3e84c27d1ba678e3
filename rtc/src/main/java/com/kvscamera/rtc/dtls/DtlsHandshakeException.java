package com.kvscamera.rtc.dtls;

import java.io.IOException;

/** The DTLS handshake with a peer failed; the message says why (fingerprint, alert, timeout, no SRTP profile). */
public final class DtlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    public DtlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
