package com.kvscamera.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Client frames and payloads as real SDKs write them. */
final class Frames {
    private Frames() {
    }

    static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String offerPayload(String sdp) {
        return b64("{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}");
    }

    static String answerPayload(String sdp) {
        return b64("{\"type\":\"answer\",\"sdp\":\"" + sdp + "\"}");
    }

    /** The JS SDK's camelCase frame. */
    static String js(String action, String recipient, String payload, String correlationId) {
        StringBuilder sb = new StringBuilder("{\"action\":\"").append(action).append('"');
        if (payload != null) {
            sb.append(",\"messagePayload\":\"").append(payload).append('"');
        }
        if (recipient != null) {
            sb.append(",\"recipientClientId\":\"").append(recipient).append('"');
        }
        if (correlationId != null) {
            sb.append(",\"correlationId\":\"").append(correlationId).append('"');
        }
        return sb.append('}').toString();
    }

    /** The C SDK's PascalCase template with tabs and newlines (LwsApiCalls.h). */
    static String c(String action, String recipient, String payload, String correlationId) {
        return "{\n\t\"action\": \"" + action + "\",\n\t\"RecipientClientId\": \"" + recipient
                + "\",\n\t\"MessagePayload\": \"" + payload + "\",\n\t\"CorrelationId\": \"" + correlationId + "\"\n}";
    }
}
