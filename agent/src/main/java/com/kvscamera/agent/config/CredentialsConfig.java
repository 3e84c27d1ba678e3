package com.kvscamera.agent.config;

/**
 * {@code aws.credentials}. Only the fields of the chosen {@link #source()} are set; the others are null.
 *
 * @param profile profile name for the shared credentials file; null means {@code AWS_PROFILE} or "default"
 */
public record CredentialsConfig(CredentialsSource source, String accessKeyId, Secret secretAccessKey,
                                Secret sessionToken, String profile, IotConfig iot) {
}
