package com.kvscamera.emulator.signaling;

/** A frame the service refuses; answered with STATUS_RESPONSE when it carried a correlationId. */
final class FrameRejected extends Exception {
    private final String errorType;
    private final int statusCode;
    private final String correlationId;

    FrameRejected(String errorType, int statusCode, String correlationId, String description) {
        super(description, null, false, false);
        this.errorType = errorType;
        this.statusCode = statusCode;
        this.correlationId = correlationId;
    }

    String errorType() {
        return errorType;
    }

    int statusCode() {
        return statusCode;
    }

    String correlationId() {
        return correlationId;
    }
}
