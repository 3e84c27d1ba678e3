package com.kvscamera.agent.aws;

import com.kvscamera.agent.config.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * AWS credentials used to sign requests. The secret parts are {@link Secret}s, so {@code toString()} never
 * shows them.
 *
 * @param accessKeyId     access key id (not secret; AWS prints it in error messages)
 * @param secretAccessKey secret access key
 * @param sessionToken    session token of temporary credentials, or null for long-term keys
 * @param expiration      when temporary credentials expire, or null when they do not
 */
public record Credentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken, Instant expiration) {
    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Long-term credentials without token or expiration. */
    public static Credentials of(String accessKeyId, String secretAccessKey) {
        return new Credentials(accessKeyId, new Secret(secretAccessKey), null, null);
    }

    public boolean hasSessionToken() {
        return sessionToken != null && !sessionToken.isEmpty();
    }
}
