package com.kvscamera.agent.kvs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An ICE configuration fetched at {@code fetchedAt}. The TURN credentials are valid until
 * {@code fetchedAt + min(Ttl)}; STUN entries never expire.
 */
public record IceConfig(List<IceServer> servers, Instant fetchedAt) {
    public IceConfig {
        servers = List.copyOf(servers);
    }

    /** Shortest TURN Ttl, or null when there is no TURN server. */
    public Duration minTtl() {
        Duration min = null;
        for (IceServer s : servers) {
            if (s.ttl() != null && (min == null || s.ttl().compareTo(min) < 0)) {
                min = s.ttl();
            }
        }
        return min;
    }

    /** When the first TURN credential lapses (null when there is none). */
    public Instant expiresAt() {
        Duration min = minTtl();
        return min == null ? null : fetchedAt.plus(min);
    }

    public boolean turnValidAt(Instant now, Duration margin) {
        Instant exp = expiresAt();
        return exp != null && now.plus(margin).isBefore(exp);
    }

    /** This configuration without the TURN servers whose credentials are no longer valid at {@code now}. */
    public IceConfig validAt(Instant now) {
        List<IceServer> keep = new ArrayList<>();
        for (IceServer s : servers) {
            if (s.ttl() == null || now.isBefore(fetchedAt.plus(s.ttl()))) {
                keep.add(s);
            }
        }
        return keep.size() == servers.size() ? this : new IceConfig(keep, fetchedAt);
    }

    public List<IceServer> turnServers() {
        return servers.stream().filter(IceServer::isTurn).toList();
    }
}
