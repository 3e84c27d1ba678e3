package com.kvscamera.emulator.signaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Server-to-client frames in the service's compact shape and key order. */
final class OutboundFrames {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutboundFrames() {
    }

    /** {"messagePayload":..,"messageType":..,"senderClientId":..}; master-originated messages carry no sender. */
    static String relay(String messageType, String payload, String senderClientId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("messagePayload", payload);
        n.put("messageType", messageType);
        if (senderClientId != null) {
            n.put("senderClientId", senderClientId);
        }
        return n.toString();
    }

    static String event(String messageType) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("messageType", messageType);
        return n.toString();
    }

    static String statusResponse(String correlationId, String errorType, int statusCode, String description) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("messageType", "STATUS_RESPONSE");
        ObjectNode s = n.putObject("statusResponse");
        s.put("correlationId", correlationId);
        s.put("errorType", errorType);
        s.put("statusCode", Integer.toString(statusCode));
        s.put("description", description);
        s.put("success", false);
        return n.toString();
    }

    /** API Gateway's own error frame, which real clients see for frames it cannot route. */
    static String gatewayError(String message, long connectionId) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("message", message);
        n.put("connectionId", "conn-" + connectionId);
        n.put("requestId", UUID.randomUUID().toString());
        return n.toString();
    }
}
