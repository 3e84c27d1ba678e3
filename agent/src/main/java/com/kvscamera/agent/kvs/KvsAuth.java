package com.kvscamera.agent.kvs;

import com.kvscamera.agent.aws.Credentials;
import com.kvscamera.agent.aws.CredentialsException;
import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.aws.SigV4Signer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Credentials, the SigV4 signer (service {@code kinesisvideo}) and the clock offset, used together for every
 * signature the agent makes, HTTPS or WSS presign.
 */
public final class KvsAuth {
    public static final String SERVICE = "kinesisvideo";
    /** JS and Android SDKs presign the connect URL for 299 s; it only bounds when the upgrade may happen. */
    static final Duration PRESIGN_EXPIRES = Duration.ofSeconds(299);
    /** Temporary credentials this close to expiry are refreshed before signing (C#272/C#1502; kvs-signaling.md §8.1). */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

    private final CredentialsProvider provider;
    private final SigV4Signer signer;
    private final ClockOffset clock;

    public KvsAuth(String region, CredentialsProvider provider, ClockOffset clock) {
        this.provider = provider;
        this.signer = new SigV4Signer(region, SERVICE);
        this.clock = clock;
    }

    public ClockOffset clock() {
        return clock;
    }

    public String region() {
        return signer.region();
    }

    /** Credentials valid for at least {@link #EXPIRY_MARGIN}; refetched when closer to expiry. Blocking. */
    public Credentials credentials(String operation) throws KvsCallException {
        try {
            Credentials c = provider.current();
            if (c.expiration() != null && clock.now().plus(EXPIRY_MARGIN).isAfter(c.expiration())) {
                provider.invalidate();
                c = provider.current();
            }
            return c;
        } catch (CredentialsException e) {
            throw new KvsCallException(operation, Outcome.UNAUTHORIZED, 0, null,
                    "credentials unavailable: " + e.getMessage(), null, e);
        }
    }

    /** After a 401/403: the next {@link #credentials} refetches. */
    public void invalidateCredentials() {
        provider.invalidate();
    }

    Map<String, String> signHeaders(String operation, URI uri, Map<String, String> headers, byte[] body)
            throws KvsCallException {
        return signer.signHeaders("POST", uri, headers, body, credentials(operation), clock.now());
    }

    /** A freshly presigned ConnectAsMaster URL: {@code wss://host/?X-Amz-ChannelARN=...&X-Amz-Signature=...}. */
    public URI presignConnect(URI wssEndpoint, String channelArn) throws KvsCallException {
        URI base = wssEndpoint.getRawPath() == null || wssEndpoint.getRawPath().isEmpty()
                ? URI.create(wssEndpoint + "/") : wssEndpoint;
        Instant now = clock.now();
        return signer.presign(base, Map.of("X-Amz-ChannelARN", channelArn), credentials("ConnectAsMaster"), now,
                PRESIGN_EXPIRES);
    }
}
