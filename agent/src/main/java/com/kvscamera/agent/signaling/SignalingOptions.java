package com.kvscamera.agent.signaling;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything the signaling master needs besides credentials. Built by the agent from its configuration; the
 * constructor validates and names the configuration key of every violated rule.
 *
 * @param region                AWS region, e.g. {@code us-west-2}
 * @param controlPlaneEndpoint  KVS control plane; null = {@code https://kinesisvideo.<region>.amazonaws.com}
 * @param channelName           signaling channel name (used to describe/create)
 * @param channelArn            channel ARN when configured; null = describe by name
 * @param createChannel         create the channel when describe says 404
 * @param clientId              the master's client id for GetIceServerConfig
 * @param rotateAfter           make-before-break reconnect this long after connecting (before the 45-min limit)
 * @param rotateJitter          random extra delay added to {@code rotateAfter} (0..jitter)
 * @param pingInterval          WebSocket ping period
 * @param pongTimeout           reconnect when no pong arrived for this long
 * @param iceRefreshGrace       refresh ICE config this long before the shortest Ttl lapses
 * @param connectTimeout        TCP/TLS/upgrade timeout for the WSS connect and the HTTPS calls
 * @param requestTimeout        whole-request timeout of an HTTPS call
 * @param backoffBase           first reconnect backoff ceiling
 * @param backoffCap            backoff ceiling cap
 * @param backoffResetAfter     connected this long = the next failure starts the backoff afresh
 * @param candidateBufferTtl    how long candidates that precede their offer are kept
 * @param answersPerSecond      outgoing SDP_ANSWER rate per connection (service limit 5)
 * @param candidatesPerSecond   outgoing ICE_CANDIDATE rate per connection (service limit 20)
 * @param extraCaPem            extra CA certificates (PEM) to trust besides the JDK's, or null
 */
public record SignalingOptions(
        String region,
        URI controlPlaneEndpoint,
        String channelName,
        String channelArn,
        boolean createChannel,
        String clientId,
        Duration rotateAfter,
        Duration rotateJitter,
        Duration pingInterval,
        Duration pongTimeout,
        Duration iceRefreshGrace,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration backoffBase,
        Duration backoffCap,
        Duration backoffResetAfter,
        Duration candidateBufferTtl,
        int answersPerSecond,
        int candidatesPerSecond,
        Path extraCaPem) {

    /** Before the 45-minute session limit the service documents (kvs-signaling.md §4.6). */
    public static final Duration DEFAULT_ROTATE_AFTER = Duration.ofMinutes(40);
    public static final Duration DEFAULT_ROTATE_JITTER = Duration.ofMinutes(2);
    /** The C SDK pings every 10 s (lws secs_since_valid_ping). */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(30);
    /** ICE_CONFIGURATION_REFRESH_GRACE_PERIOD in the C SDK's Signaling.h. */
    public static final Duration DEFAULT_ICE_REFRESH_GRACE = Duration.ofSeconds(30);
    /** SIGNALING_CONNECT_TIMEOUT 5 s in the C SDK. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** C SDK signaling backoff: 100 ms doubling, cap 10 s, reset after 90 s (kvs-signaling.md §6.3). */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(100);
    public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BACKOFF_RESET = Duration.ofSeconds(90);
    /** SAMPLE_PENDING_MESSAGE_CLEANUP_DURATION in the C samples. */
    public static final Duration DEFAULT_CANDIDATE_BUFFER_TTL = Duration.ofSeconds(20);
    /** Service quotas per WebSocket connection (kvs-signaling.md §7.2). */
    public static final int MAX_ANSWERS_PER_SECOND = 5;
    public static final int MAX_CANDIDATES_PER_SECOND = 20;
    public static final String DEFAULT_CLIENT_ID = "ProducerMaster";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public SignalingOptions {
        List<String> errors = new ArrayList<>();
        if (region == null || !REGION.matcher(region).matches()) {
            errors.add("'aws.region' must look like us-west-2, got '" + region + "'");
        }
        if (channelName == null || !NAME.matcher(channelName).matches()) {
            errors.add("'kvs.channelName' must match [a-zA-Z0-9_.-]{1,256}, got '" + channelName + "'");
        }
        if (clientId == null || !NAME.matcher(clientId).matches()) {
            errors.add("'kvs.clientId' must match [a-zA-Z0-9_.-]{1,256}, got '" + clientId + "'");
        }
        if (controlPlaneEndpoint != null && !"https".equals(controlPlaneEndpoint.getScheme())
                && !("http".equals(controlPlaneEndpoint.getScheme()) && isLoopback(controlPlaneEndpoint.getHost()))) {
            errors.add("'aws.endpoint' must be an https:// URL (http:// only for a local emulator on 127.0.0.1), got '"
                    + controlPlaneEndpoint + "'");
        }
        positive(errors, "signaling.rotateAfter", rotateAfter);
        notNegative(errors, "signaling.rotateJitter", rotateJitter);
        positive(errors, "signaling.pingInterval", pingInterval);
        positive(errors, "signaling.pongTimeout", pongTimeout);
        notNegative(errors, "signaling.iceRefreshGrace", iceRefreshGrace);
        positive(errors, "signaling.connectTimeout", connectTimeout);
        positive(errors, "signaling.requestTimeout", requestTimeout);
        positive(errors, "signaling.backoffBase", backoffBase);
        positive(errors, "signaling.backoffCap", backoffCap);
        positive(errors, "signaling.backoffResetAfter", backoffResetAfter);
        positive(errors, "signaling.candidateBufferTtl", candidateBufferTtl);
        if (backoffBase != null && backoffCap != null && backoffCap.compareTo(backoffBase) < 0) {
            errors.add("'signaling.backoffCap' must be >= 'signaling.backoffBase'");
        }
        if (pingInterval != null && pongTimeout != null && pongTimeout.compareTo(pingInterval) < 0) {
            errors.add("'signaling.pongTimeout' must be >= 'signaling.pingInterval'");
        }
        if (answersPerSecond < 1 || answersPerSecond > MAX_ANSWERS_PER_SECOND) {
            errors.add("'signaling.answersPerSecond' must be 1.." + MAX_ANSWERS_PER_SECOND + ", got " + answersPerSecond);
        }
        if (candidatesPerSecond < 1 || candidatesPerSecond > MAX_CANDIDATES_PER_SECOND) {
            errors.add("'signaling.candidatesPerSecond' must be 1.." + MAX_CANDIDATES_PER_SECOND + ", got " + candidatesPerSecond);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    /** Defaults everywhere except the channel and region. */
    public static SignalingOptions defaults(String region, String channelName) {
        return new SignalingOptions(region, null, channelName, null, false, DEFAULT_CLIENT_ID,
                DEFAULT_ROTATE_AFTER, DEFAULT_ROTATE_JITTER, DEFAULT_PING_INTERVAL, DEFAULT_PONG_TIMEOUT,
                DEFAULT_ICE_REFRESH_GRACE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_BACKOFF_RESET, DEFAULT_CANDIDATE_BUFFER_TTL,
                MAX_ANSWERS_PER_SECOND, MAX_CANDIDATES_PER_SECOND, null);
    }

    public SignalingOptions withControlPlaneEndpoint(URI endpoint) {
        return new SignalingOptions(region, endpoint, channelName, channelArn, createChannel, clientId, rotateAfter,
                rotateJitter, pingInterval, pongTimeout, iceRefreshGrace, connectTimeout, requestTimeout, backoffBase,
                backoffCap, backoffResetAfter, candidateBufferTtl, answersPerSecond, candidatesPerSecond, extraCaPem);
    }

    public SignalingOptions withChannel(String name, String arn, boolean create) {
        return new SignalingOptions(region, controlPlaneEndpoint, name, arn, create, clientId, rotateAfter,
                rotateJitter, pingInterval, pongTimeout, iceRefreshGrace, connectTimeout, requestTimeout, backoffBase,
                backoffCap, backoffResetAfter, candidateBufferTtl, answersPerSecond, candidatesPerSecond, extraCaPem);
    }

    public SignalingOptions withRotation(Duration after, Duration jitter) {
        return new SignalingOptions(region, controlPlaneEndpoint, channelName, channelArn, createChannel, clientId,
                after, jitter, pingInterval, pongTimeout, iceRefreshGrace, connectTimeout, requestTimeout, backoffBase,
                backoffCap, backoffResetAfter, candidateBufferTtl, answersPerSecond, candidatesPerSecond, extraCaPem);
    }

    public SignalingOptions withKeepalive(Duration ping, Duration pong) {
        return new SignalingOptions(region, controlPlaneEndpoint, channelName, channelArn, createChannel, clientId,
                rotateAfter, rotateJitter, ping, pong, iceRefreshGrace, connectTimeout, requestTimeout, backoffBase,
                backoffCap, backoffResetAfter, candidateBufferTtl, answersPerSecond, candidatesPerSecond, extraCaPem);
    }

    public SignalingOptions withIceRefreshGrace(Duration grace) {
        return new SignalingOptions(region, controlPlaneEndpoint, channelName, channelArn, createChannel, clientId,
                rotateAfter, rotateJitter, pingInterval, pongTimeout, grace, connectTimeout, requestTimeout, backoffBase,
                backoffCap, backoffResetAfter, candidateBufferTtl, answersPerSecond, candidatesPerSecond, extraCaPem);
    }

    public SignalingOptions withExtraCaPem(Path pem) {
        return new SignalingOptions(region, controlPlaneEndpoint, channelName, channelArn, createChannel, clientId,
                rotateAfter, rotateJitter, pingInterval, pongTimeout, iceRefreshGrace, connectTimeout, requestTimeout,
                backoffBase, backoffCap, backoffResetAfter, candidateBufferTtl, answersPerSecond, candidatesPerSecond, pem);
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    private static void positive(List<String> errors, String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            errors.add("'" + key + "' must be a positive duration, got " + d);
        }
    }

    private static void notNegative(List<String> errors, String key, Duration d) {
        if (d == null || d.isNegative()) {
            errors.add("'" + key + "' must be zero or positive, got " + d);
        }
    }
}
