package com.kvscamera.rtc.dtls;

/** Why a DTLS association ended. */
public enum CloseReason {
    /** {@link DtlsSrtpEndpoint#close()} was called; we sent close_notify if the handshake had finished. */
    LOCAL,
    /** The peer sent close_notify (we answered with ours). */
    REMOTE_CLOSE_NOTIFY,
    /** The peer sent a fatal alert after the handshake. */
    REMOTE_FATAL_ALERT,
    /** The handshake did not complete (see the start() future for the reason). */
    HANDSHAKE_FAILED,
    /** A local error on an established association. */
    ERROR
}
