package com.kvscamera.agent.config;

import java.util.Locale;

/** Where the agent's AWS credentials come from ({@code aws.credentials.source}). */
public enum CredentialsSource {
    STATIC, ENVIRONMENT, PROFILE, IOT;

    /** The spelling used in the YAML file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
