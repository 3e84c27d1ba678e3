package com.kvscamera.agent.kvs;

import java.time.Duration;
import java.util.List;

/**
 * One ICE server as GetIceServerConfig returns it (or the regional STUN server, which has no credentials).
 * The TURN password is a secret: {@link #toString()} never prints it.
 */
public record IceServer(List<String> uris, String username, String password, Duration ttl) {
    public IceServer {
        uris = List.copyOf(uris);
    }

    public static IceServer stun(String uri) {
        return new IceServer(List.of(uri), null, null, null);
    }

    public boolean isTurn() {
        return username != null;
    }

    @Override
    public String toString() {
        return "IceServer" + uris + (username == null ? "" : " user=" + username + " password=*** ttl=" + ttl);
    }
}
