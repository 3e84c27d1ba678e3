package com.kvscamera.rtc.ice;

import java.time.Duration;
import java.util.List;

/**
 * Settings of one ICE agent. Defaults follow RFC 8445/7675 and pion/ice's named constants.
 *
 * @param interfaces       interface names to gather host candidates on; empty = every eligible interface
 * @param minPort          lowest UDP port to bind (0 = any)
 * @param maxPort          highest UDP port to bind
 * @param allowLoopback    include 127.0.0.0/8 host candidates (tests on one machine)
 * @param iceServers       STUN/TURN servers for srflx and relay candidates
 * @param relayOnly        offer only relay candidates (forces TURN; used by tests and strict deployments)
 * @param controlling      our role at start; the camera answers, so normally false (controlled)
 * @param ta               pacing of connectivity checks (RFC 8445 §14.2)
 * @param checkRto         first retransmission timeout of a check; doubles up to 8x
 * @param checkAttempts    transmissions per check before the pair fails
 * @param consentInterval  mean interval of consent checks (RFC 7675: 5 s, randomized ±20 %)
 * @param disconnectedAfter no consent response for this long → DISCONNECTED (recoverable)
 * @param consentTimeout   no consent response for this long → FAILED (RFC 7675: 30 s)
 * @param checkingTimeout  CHECKING without a selected pair for this long → FAILED
 * @param turnTimeout      allocation deadline of one TURN server
 * @param turnCredentials  fresh credentials for a TURN server when the original ones expire (may be null)
 * @param sslContext       trust for turns: (null = JDK default trust store)
 */
public record IceOptions(List<String> interfaces, int minPort, int maxPort, boolean allowLoopback,
                         List<IceServer> iceServers, boolean relayOnly, boolean controlling, Duration ta,
                         Duration checkRto, int checkAttempts, Duration consentInterval, Duration disconnectedAfter,
                         Duration consentTimeout, Duration checkingTimeout, Duration turnTimeout,
                         TurnCredentialSource turnCredentials, javax.net.ssl.SSLContext sslContext) {

    /** Supplies fresh username/password for a TURN URI, e.g. from a re-fetched KVS ICE config. */
    public interface TurnCredentialSource {
        IceServer refresh(IceServerUri uri);
    }

    public IceOptions {
        interfaces = List.copyOf(interfaces);
        iceServers = List.copyOf(iceServers);
        if (minPort < 0 || maxPort > 65535 || (minPort > 0 && maxPort < minPort)) {
            throw new IllegalArgumentException("ice port range " + minPort + "-" + maxPort + " is invalid (0 < min <= max <= 65535, or 0 for any)");
        }
        if (checkAttempts < 1) throw new IllegalArgumentException("ice checkAttempts must be >= 1");
    }

    public static IceOptions defaults() {
        return new IceOptions(List.of(), 0, 0, false, List.of(), false, false, Duration.ofMillis(50),
                Duration.ofMillis(250), 7, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(5), null, null);
    }

    public IceOptions withLoopback(boolean allow) { return new IceOptions(interfaces, minPort, maxPort, allow, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withInterfaces(List<String> names) { return new IceOptions(names, minPort, maxPort, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withPorts(int min, int max) { return new IceOptions(interfaces, min, max, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withIceServers(List<IceServer> servers) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, servers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withRelayOnly(boolean only) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, only, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withControlling(boolean c) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, relayOnly, c, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withConsent(Duration interval, Duration disconnected, Duration timeout) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, interval, disconnected, timeout, checkingTimeout, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withCheckingTimeout(Duration d) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, d, turnTimeout, turnCredentials, sslContext); }
    public IceOptions withTurnTimeout(Duration d) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, d, turnCredentials, sslContext); }
    public IceOptions withTurnCredentials(TurnCredentialSource s) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, s, sslContext); }
    public IceOptions withSslContext(javax.net.ssl.SSLContext c) { return new IceOptions(interfaces, minPort, maxPort, allowLoopback, iceServers, relayOnly, controlling, ta, checkRto, checkAttempts, consentInterval, disconnectedAfter, consentTimeout, checkingTimeout, turnTimeout, turnCredentials, c); }
}
