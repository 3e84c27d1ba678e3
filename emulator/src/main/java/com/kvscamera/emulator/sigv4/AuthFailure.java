package com.kvscamera.emulator.sigv4;

/** A request that SigV4 verification refused: HTTP status, AWS error type and the front-end's message. */
public final class AuthFailure extends Exception {
    private final int status;
    private final String errorType;

    public AuthFailure(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
