package com.kvscamera.agent.config;

import java.util.List;

/**
 * The configuration cannot be used. {@link #violations()} holds one line per problem, each starting with the
 * key path (or the file name for problems reading the file), e.g. {@code channel.name: must match ...}.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> violations;

    public ConfigException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public ConfigException(String violation) {
        this(List.of(violation));
    }

    public List<String> violations() {
        return violations;
    }
}
