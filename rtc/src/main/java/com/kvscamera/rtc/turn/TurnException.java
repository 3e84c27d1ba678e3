package com.kvscamera.rtc.turn;

/** A TURN allocation could not be made or kept; the message names the server and the reason, never the password. */
public final class TurnException extends Exception {
    private final int code;

    public TurnException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** STUN error code from the server (e.g. 401), or 0 for local/transport failures. */
    public int code() {
        return code;
    }
}
