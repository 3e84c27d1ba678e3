package com.kvscamera.emulator.api;

/** A modeled KVS error: HTTP status, shape name (x-amzn-ErrorType) and its Message. */
public final class ApiException extends RuntimeException {
    public static final String CONTROL_NS = "https://kinesisvideo.amazonaws.com/doc/2017-09-30/";
    public static final String DATA_NS = "https://kinesisvideo.amazonaws.com/doc/2019-12-04/";
    public static final String FRONTEND_NS = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    private final int status;
    private final String type;
    private final String namespace;
    private final boolean lowercaseMessage;

    public ApiException(int status, String type, String namespace, String message, boolean lowercaseMessage) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.namespace = namespace;
        this.lowercaseMessage = lowercaseMessage;
    }

    public static ApiException invalidArgument(String message) {
        return new ApiException(400, "InvalidArgumentException", CONTROL_NS, message, false);
    }

    /** The Coral validation text the real service uses, naming the member that failed. */
    public static ApiException validation(String member, Object value, String constraint) {
        return invalidArgument("1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'")
                + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "ResourceNotFoundException", CONTROL_NS, message, false);
    }

    public static ApiException channelNotFound() {
        return notFound("The requested channel is not found or not active.");
    }

    public static ApiException inUse(String message) {
        return new ApiException(400, "ResourceInUseException", CONTROL_NS, message, false);
    }

    public static ApiException limitExceeded(String message) {
        return new ApiException(400, "ClientLimitExceededException", CONTROL_NS, message, false);
    }

    public static ApiException serialization(String message) {
        return new ApiException(400, "SerializationException", FRONTEND_NS, message, false);
    }

    public static ApiException unknownOperation() {
        return new ApiException(404, "UnknownOperationException", FRONTEND_NS, null, false);
    }

    /** The same error as the signaling data plane (API 2019-12-04) reports it. */
    public ApiException inDataPlane() {
        return namespace.equals(CONTROL_NS)
                ? new ApiException(status, type, DATA_NS, getMessage(), lowercaseMessage) : this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String namespace() {
        return namespace;
    }

    /** Front-end (authentication) errors use a lowercase "message" member; modeled errors use "Message". */
    public boolean lowercaseMessage() {
        return lowercaseMessage;
    }
}
