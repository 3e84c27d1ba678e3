package com.kvscamera.agent.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * @param region        AWS region, e.g. us-west-2
 * @param endpoint      control-plane endpoint; the regional default when not configured
 * @param caCertificate extra trust anchor (PEM) for the control plane and signaling endpoints, or null
 */
public record AwsConfig(String region, URI endpoint, Path caCertificate, CredentialsConfig credentials) {
}
