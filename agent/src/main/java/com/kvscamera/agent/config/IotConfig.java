package com.kvscamera.agent.config;

import java.nio.file.Path;

/**
 * {@code aws.credentials.iot}: the AWS IoT credentials provider (X.509 device certificate).
 *
 * @param endpoint      credentials-provider host, optionally with ":port" (no scheme), e.g.
 *                      {@code c2xxxx.credentials.iot.us-west-2.amazonaws.com}
 * @param caCertificate trust anchor for the endpoint (PEM, e.g. Amazon Root CA 1), or null for the JDK's
 */
public record IotConfig(String endpoint, String roleAlias, String thingName, Path certificate, Path privateKey,
                        Path caCertificate) {
}
