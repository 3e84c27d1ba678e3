package com.kvscamera.agent.aws;

import java.util.Objects;

/** Fixed credentials from the configuration file ({@code aws.credentials.source: static}). */
public final class StaticCredentialsProvider implements CredentialsProvider {
    private final Credentials credentials;

    public StaticCredentialsProvider(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Credentials current() {
        return credentials;
    }

    @Override
    public void invalidate() {
        // nothing to refetch: the same keys are all there is
    }
}
