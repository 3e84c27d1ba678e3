package com.kvscamera.agent.kvs;

import java.time.Instant;
import java.util.Optional;

/**
 * A failed KVS call, already classified. The message names the operation, the HTTP status and the service's
 * error type; it never contains credentials (the request is not echoed).
 */
public final class KvsCallException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Outcome outcome;
    private final int status;
    private final String errorType;
    private final transient Instant serverDate;

    public KvsCallException(String operation, Outcome outcome, int status, String errorType, String detail,
                            Instant serverDate, Throwable cause) {
        super(operation + " failed: " + outcome
                + (status > 0 ? " (HTTP " + status + ")" : "")
                + (errorType != null && !errorType.isEmpty() ? " " + errorType : "")
                + (detail != null && !detail.isEmpty() ? ": " + detail : ""), cause);
        this.outcome = outcome;
        this.status = status;
        this.errorType = errorType;
        this.serverDate = serverDate;
    }

    public Outcome outcome() { return outcome; }

    /** HTTP status, or 0 when the call never got a response. */
    public int status() { return status; }

    public String errorType() { return errorType; }

    /** The server's Date header when the response carried one (used for clock-skew correction). */
    public Optional<Instant> serverDate() { return Optional.ofNullable(serverDate); }
}
