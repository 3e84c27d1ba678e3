package com.kvscamera.agent.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value before conversion: a YAML node from the file, or the text of an environment override.
 *
 * @param envName the environment variable it came from, or null when it came from the file
 */
record RawValue(JsonNode node, String envName, String text) {
    static RawValue fromYaml(JsonNode node) {
        return new RawValue(node, null, null);
    }

    static RawValue fromEnv(String envName, String text) {
        return new RawValue(null, envName, text);
    }

    boolean fromEnvironment() {
        return envName != null;
    }

    /** " (from KVS_AGENT_X)" for environment overrides, so errors point at the right place. */
    String origin() {
        return envName == null ? "" : " (from " + envName + ")";
    }
}
