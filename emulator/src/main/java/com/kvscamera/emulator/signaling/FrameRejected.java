package com.kvscamera.emulator.signaling;

/** A frame the service refuses; answered with STATUS_RESPONSE when it carried a correlationId. */
final class FrameRejected extends Exception {
    private final String errorType;
    private final int statusCode;
    private final String correlationId;
    private final boolean deliveryFailure;

    FrameRejected(String errorType, int statusCode, String correlationId, String description) {
        this(errorType, statusCode, correlationId, description, false);
    }

    /** @param deliveryFailure the frame was valid but could not be delivered (vs. refused as malformed) */
    FrameRejected(String errorType, int statusCode, String correlationId, String description, boolean deliveryFailure) {
        super(description, null, false, false);
        this.deliveryFailure = deliveryFailure;
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

    boolean deliveryFailure() {
        return deliveryFailure;
    }

    String correlationId() {
        return correlationId;
    }
}
