package com.kvscamera.agent.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its dotted path, its kind, its default, and the name of its environment override.
 *
 * @param defaultValue the default as it would be written in YAML (a String, a List of Strings, or null for none)
 */
public record ConfigKey(String path, Kind kind, Object defaultValue, String description) {

    /** How a value is written and parsed. */
    public enum Kind { STRING, SECRET, INT, BOOL, DURATION, PATH, URL, STRING_LIST }

    /** {@code KVS_AGENT_} plus the upper-snake path: aws.credentials.secretAccessKey → KVS_AGENT_AWS_CREDENTIALS_SECRET_ACCESS_KEY. */
    public String envName() {
        return envName(path);
    }

    public static String envName(String path) {
        StringBuilder sb = new StringBuilder("KVS_AGENT_");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    /** The last path segment. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @SuppressWarnings("unchecked")
    public List<String> defaultList() {
        return defaultValue == null ? List.of() : (List<String>) defaultValue;
    }
}
