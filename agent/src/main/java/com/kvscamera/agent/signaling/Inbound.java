package com.kvscamera.agent.signaling;

/** A decoded frame from the signaling service (kvs-signaling.md §4.3). */
public sealed interface Inbound {
    /** An SDP offer; {@code sdp} is the raw SDP text. */
    record Offer(String senderClientId, String sdp) implements Inbound {}

    /** A trickled ICE candidate ({@code candidate} without "a="; may be empty = end of candidates). */
    record Candidate(String senderClientId, String candidate, String sdpMid, int sdpMLineIndex) implements Inbound {}

    record GoAway() implements Inbound {}

    record ReconnectIceServer() implements Inbound {}

    /** A failed delivery of a message that carried a correlationId. */
    record StatusResponse(String correlationId, String errorType, String statusCode, String description)
            implements Inbound {}

    /** Not a signaling message (API Gateway stray frame, unknown type): ignored quietly. */
    record Ignored(String why) implements Inbound {}

    /** A signaling message that breaks the rules; logged once, naming the sender. */
    record Rejected(String senderClientId, String why) implements Inbound {}
}
