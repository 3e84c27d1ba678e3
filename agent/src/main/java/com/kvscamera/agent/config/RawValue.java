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

    /** Never the value: it may be a secret. */
    @Override
    public String toString() {
        return envName == null ? "RawValue[file]" : "RawValue[" + envName + "]";
    }

    /** " (from KVS_AGENT_X)" for environment overrides, so errors point at the right place. */
    String origin() {
        return envName == null ? "" : " (from " + envName + ")";
    }
}
