package com.kvscamera.agent.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Signaling frames in and out (kvs-signaling.md §4.2–4.5). Lenient on input, as the service and the other SDKs
 * are: keys in camelCase or PascalCase, standard or URL-safe base64 with or without padding, a payload that is
 * {"type","sdp"} JSON or raw SDP, unknown fields (IceServerList on offers) ignored. Strict on output: camelCase,
 * standard padded base64, payload within the 10,000-character limit.
 */
public final class MessageCodec {
    /** messagePayload limit of the service, in base64 characters. */
    public static final int MAX_PAYLOAD_CHARS = 10_000;
    /** A whole frame larger than this cannot hold a valid payload; refuse to parse it at all. */
    static final int MAX_FRAME_CHARS = 64 * 1024;
    private static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageCodec() {}

    public static Inbound decode(String frame) {
        if (frame == null || frame.isBlank()) {
            return new Inbound.Ignored("empty frame");
        }
        if (frame.length() > MAX_FRAME_CHARS) {
            return new Inbound.Rejected(senderHint(frame), "frame of " + frame.length() + " characters exceeds "
                    + MAX_FRAME_CHARS);
        }
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (IOException e) {
            return new Inbound.Rejected(senderHint(frame), "frame is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Inbound.Ignored("frame is not a JSON object");
        }
        String type = text(root, "messageType");
        if (type == null) {
            // API Gateway frames such as {"message":"Internal server error","connectionId":...}
            return new Inbound.Ignored("no messageType" + (root.has("message") ? ": " + clip(root.get("message").asText()) : ""));
        }
        String sender = text(root, "senderClientId");
        switch (type.toUpperCase(Locale.ROOT)) {
            case "GO_AWAY":
                return new Inbound.GoAway();
            case "RECONNECT_ICE_SERVER":
                return new Inbound.ReconnectIceServer();
            case "STATUS_RESPONSE": {
                JsonNode s = field(root, "statusResponse");
                if (s == null || !s.isObject()) {
                    return new Inbound.StatusResponse(null, null, null, null);
                }
                return new Inbound.StatusResponse(text(s, "correlationId"), text(s, "errorType"),
                        text(s, "statusCode"), text(s, "description"));
            }
            case "SDP_OFFER":
            case "ICE_CANDIDATE":
                return decodePeerMessage(type.toUpperCase(Locale.ROOT), sender, text(root, "messagePayload"));
            default:
                return new Inbound.Ignored("messageType " + clip(type) + " is not for a master");
        }
    }

    private static Inbound decodePeerMessage(String type, String sender, String payload) {
        if (sender == null || !CLIENT_ID.matcher(sender).matches()) {
            return new Inbound.Rejected(sender == null ? "?" : clip(sender), type + " without a valid senderClientId");
        }
        if (payload == null || payload.isEmpty()) {
            return new Inbound.Rejected(sender, type + " without messagePayload");
        }
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            return new Inbound.Rejected(sender, type + " payload of " + payload.length()
                    + " characters exceeds " + MAX_PAYLOAD_CHARS);
        }
        String decoded = decodeBase64(payload);
        if (decoded == null || decoded.isBlank()) {
            return new Inbound.Rejected(sender, type + " payload is not base64");
        }
        String text = decoded.strip();
        if ("SDP_OFFER".equals(type)) {
            return decodeOffer(sender, text);
        }
        return decodeCandidate(sender, text);
    }

    private static Inbound decodeOffer(String sender, String text) {
        if (text.startsWith("{")) {
            JsonNode p;
            try {
                p = JSON.readTree(text);
            } catch (IOException e) {
                return new Inbound.Rejected(sender, "SDP_OFFER payload is not JSON");
            }
            String kind = text(p, "type");
            String sdp = text(p, "sdp");
            if (kind != null && !"offer".equalsIgnoreCase(kind)) {
                return new Inbound.Rejected(sender, "SDP_OFFER payload has type '" + clip(kind) + "'");
            }
            if (sdp == null || !sdp.startsWith("v=0")) {
                return new Inbound.Rejected(sender, "SDP_OFFER payload has no SDP");
            }
            return new Inbound.Offer(sender, sdp);
        }
        if (text.startsWith("v=0")) {
            // raw SDP: some skills post it unwrapped (C#953)
            return new Inbound.Offer(sender, text.endsWith("\n") ? text : text + "\r\n");
        }
        return new Inbound.Rejected(sender, "SDP_OFFER payload is neither JSON nor SDP");
    }

    private static Inbound decodeCandidate(String sender, String text) {
        if (!text.startsWith("{")) {
            if (text.startsWith("candidate:") || text.startsWith("a=candidate:")) {
                return new Inbound.Candidate(sender, text.startsWith("a=") ? text.substring(2) : text, null, 0);
            }
            return new Inbound.Rejected(sender, "ICE_CANDIDATE payload is not JSON");
        }
        JsonNode p;
        try {
            p = JSON.readTree(text);
        } catch (IOException e) {
            return new Inbound.Rejected(sender, "ICE_CANDIDATE payload is not JSON");
        }
        String candidate = text(p, "candidate");
        if (candidate == null) {
            return new Inbound.Rejected(sender, "ICE_CANDIDATE payload has no candidate");
        }
        if (candidate.startsWith("a=")) {
            candidate = candidate.substring(2);
        }
        JsonNode idx = field(p, "sdpMLineIndex");
        return new Inbound.Candidate(sender, candidate, text(p, "sdpMid"), idx != null && idx.canConvertToInt() ? idx.asInt() : 0);
    }

    /** Standard or URL-safe alphabet, padding optional; null when it is not base64. */
    static String decodeBase64(String s) {
        StringBuilder b = new StringBuilder(s.length() + 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                b.append('+');
            } else if (c == '_') {
                b.append('/');
            } else if (c == '\r' || c == '\n' || c == ' ') {
                continue;
            } else {
                b.append(c);
            }
        }
        while (b.length() % 4 != 0) {
            b.append('=');
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(b.toString());
            String out = new String(bytes, StandardCharsets.UTF_8);
            return out.indexOf('\uFFFD') >= 0 ? null : out;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {"action":"SDP_ANSWER","recipientClientId":..,"messagePayload":b64({"type":"answer","sdp":..}),"correlationId":..}. */
    public static String encodeAnswer(String recipientClientId, String sdp, String correlationId) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", "answer");
        payload.put("sdp", sdp);
        return encode("SDP_ANSWER", recipientClientId, payload.toString(), correlationId);
    }

    /** {"action":"ICE_CANDIDATE","recipientClientId":..,"messagePayload":b64({"candidate","sdpMid","sdpMLineIndex"})}. */
    public static String encodeCandidate(String recipientClientId, String candidate, String sdpMid, int sdpMLineIndex) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("candidate", candidate);
        payload.put("sdpMid", sdpMid);
        payload.put("sdpMLineIndex", sdpMLineIndex);
        return encode("ICE_CANDIDATE", recipientClientId, payload.toString(), null);
    }

    private static String encode(String action, String recipient, String payloadJson, String correlationId) {
        if (recipient == null || !CLIENT_ID.matcher(recipient).matches()) {
            throw new IllegalArgumentException(action + " recipient '" + recipient + "' is not a valid client id");
        }
        String b64 = Base64.getEncoder().encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        if (b64.length() > MAX_PAYLOAD_CHARS) {
            throw new IllegalArgumentException(action + " for " + recipient + ": payload of " + b64.length()
                    + " base64 characters exceeds the service limit of " + MAX_PAYLOAD_CHARS);
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("action", action);
        m.put("recipientClientId", recipient);
        m.put("messagePayload", b64);
        if (correlationId != null) {
            m.put("correlationId", correlationId);
        }
        return m.toString();
    }

    /** Case-insensitive on the first letter: camelCase or PascalCase. */
    static JsonNode field(JsonNode node, String camel) {
        JsonNode v = node.get(camel);
        if (v == null) {
            v = node.get(Character.toUpperCase(camel.charAt(0)) + camel.substring(1));
        }
        if (v == null) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equalsIgnoreCase(camel)) {
                    return e.getValue();
                }
            }
        }
        return v;
    }

    static String text(JsonNode node, String camel) {
        JsonNode v = field(node, camel);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Best effort sender id for a frame that cannot be parsed, for the one log line. */
    static String senderHint(String frame) {
        var m = Pattern.compile("\"[sS]enderClientId\"\\s*:\\s*\"([a-zA-Z0-9_.-]{1,256})\"").matcher(
                frame.length() > 4096 ? frame.substring(0, 4096) : frame);
        return m.find() ? m.group(1) : "?";
    }

    private static String clip(String s) {
        String one = s.replaceAll("[\\r\\n\\t]", " ");
        return one.length() <= 80 ? one : one.substring(0, 80) + "...";
    }
}
