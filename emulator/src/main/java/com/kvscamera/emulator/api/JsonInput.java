package com.kvscamera.emulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Strict reading of rest-json request members; every failure names the member and the rule. */
public final class JsonInput {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern ARN = Pattern.compile("arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+");

    private final ObjectNode root;

    private JsonInput(ObjectNode root) {
        this.root = root;
    }

    /** Parses a request body; an empty body counts as {} (the SDKs send {} but curl users may not). */
    public static JsonInput parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return new JsonInput(MAPPER.createObjectNode());
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.serialization("Malformed JSON request body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.serialization("Request body must be a JSON object");
        }
        return new JsonInput((ObjectNode) node);
    }

    public static JsonInput of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.serialization("Expected a JSON object");
        }
        return new JsonInput((ObjectNode) node);
    }

    public ObjectNode node() {
        return root;
    }

    public boolean has(String member) {
        JsonNode n = root.get(member);
        return n != null && !n.isNull();
    }

    public String requiredString(String member, int min, int max, Pattern pattern) {
        String value = optionalString(member, min, max, pattern);
        if (value == null) {
            throw ApiException.validation(member, null, "Member must not be null");
        }
        return value;
    }

    public String optionalString(String member, int min, int max, Pattern pattern) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.serialization("Member '" + member + "' must be a string, got " + n.getNodeType());
        }
        String v = n.textValue();
        if (v.length() < min || v.length() > max) {
            throw ApiException.validation(member, abbreviate(v),
                    "Member must have length between " + min + " and " + max);
        }
        if (pattern != null && !pattern.matcher(v).matches()) {
            throw ApiException.validation(member, abbreviate(v),
                    "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return v;
    }

    public Integer optionalInt(String member, int min, int max) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiException.serialization("Member '" + member + "' must be an integer");
        }
        int v = n.intValue();
        if (v < min || v > max) {
            throw ApiException.validation(member, v, "Member must have value between " + min + " and " + max);
        }
        return v;
    }

    public JsonInput optionalObject(String member) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw ApiException.serialization("Member '" + member + "' must be an object");
        }
        return new JsonInput((ObjectNode) n);
    }

    public JsonNode optionalArray(String member, int min, int max) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw ApiException.serialization("Member '" + member + "' must be an array");
        }
        if (n.size() < min || n.size() > max) {
            throw ApiException.validation(member, null, "Member must have length between " + min + " and " + max);
        }
        return n;
    }

    private static String abbreviate(String v) {
        return v.length() > 64 ? v.substring(0, 64) + "..." : v;
    }
}
