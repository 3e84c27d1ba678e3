package com.kvscamera.emulator.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates client frames like the service: keys matched case-insensitively (the C SDK sends PascalCase, JS
 * camelCase), payload standard or URL-safe base64 (Android sends URL-safe unpadded), at most 10,000 characters.
 */
final class FrameParser {
    static final int MAX_PAYLOAD = 10_000;
    static final Set<String> ACTIONS = Set.of("SDP_OFFER", "SDP_ANSWER", "ICE_CANDIDATE");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FrameParser() {
    }

    static ClientMessage parse(String text, boolean fromMaster) throws FrameRejected {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(null, "Malformed JSON frame: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(null, "Frame must be a JSON object");
        }
        String correlationId = text(root, "correlationId");
        if (correlationId != null && !ID.matcher(correlationId).matches()) {
            throw bad(null, "correlationId must match [a-zA-Z0-9_.-]{1,256}");
        }
        String action = text(root, "action");
        if (action == null) {
            throw bad(correlationId, "Frame has no 'action' (expected one of SDP_OFFER, SDP_ANSWER, ICE_CANDIDATE)");
        }
        if (!ACTIONS.contains(action)) {
            throw bad(correlationId, "Unknown action '" + abbreviate(action)
                    + "' (expected one of SDP_OFFER, SDP_ANSWER, ICE_CANDIDATE)");
        }
        String payload = text(root, "messagePayload");
        if (payload == null || payload.isEmpty()) {
            throw bad(correlationId, "messagePayload is required for " + action);
        }
        if (payload.length() > MAX_PAYLOAD) {
            throw bad(correlationId, "messagePayload has " + payload.length() + " characters; the limit is "
                    + MAX_PAYLOAD);
        }
        if (!isBase64(payload)) {
            throw bad(correlationId, "messagePayload is not base64 (standard or URL-safe alphabet)");
        }
        String recipient = text(root, "recipientClientId");
        if (fromMaster) {
            if (recipient == null) {
                throw bad(correlationId, "recipientClientId is required for messages from the master");
            }
            if (!ID.matcher(recipient).matches()) {
                throw bad(correlationId, "recipientClientId must match [a-zA-Z0-9_.-]{1,256}");
            }
        } else {
            recipient = null;
        }
        return new ClientMessage(action, recipient, payload, correlationId);
    }

    /** Decodes standard or URL-safe base64, padded or not; null when it is neither. */
    static byte[] decodeBase64(String payload) {
        String s = payload.replace('-', '+').replace('_', '/');
        int pad = (4 - s.length() % 4) % 4;
        if (pad == 3) {
            return null;
        }
        if (s.indexOf('=') < 0) {
            s = s + "==".substring(0, pad);
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBase64(String payload) {
        byte[] decoded = decodeBase64(payload);
        return decoded != null && decoded.length > 0;
    }

    /** Finds a member by case-insensitive name; a non-string value counts as invalid, not absent. */
    private static String text(JsonNode root, String name) throws FrameRejected {
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        String lower = name.toLowerCase(Locale.ROOT);
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    return null;
                }
                if (!v.isTextual()) {
                    throw bad(null, "'" + name + "' must be a string");
                }
                return v.textValue();
            }
        }
        return null;
    }

    private static FrameRejected bad(String correlationId, String description) {
        return new FrameRejected("InvalidArgumentException", 400, correlationId, description);
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
