package com.kvscamera.agent.config;

import java.util.Objects;

/**
 * A configuration value that must never be printed: secret access keys, session tokens, TURN passwords.
 * {@link #toString()} always gives {@code ***} so that string concatenation, records that hold a Secret and
 * log statements cannot leak it by accident; read {@link #value()} only where the secret is actually used.
 */
public record Secret(String value) {
    public static final String MASK = "***";

    public Secret {
        Objects.requireNonNull(value, "secret value");
    }

    /** Returns null for null input, so optional secrets stay optional. */
    public static Secret ofNullable(String value) {
        return value == null ? null : new Secret(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
