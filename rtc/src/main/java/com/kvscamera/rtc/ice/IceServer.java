package com.kvscamera.rtc.ice;

import java.util.List;
import java.util.Objects;

/**
 * One entry of an ICE server configuration (as KVS GetIceServerConfig or RTCIceServer gives it):
 * stun:/turn:/turns: URIs with optional ?transport=udp|tcp, plus TURN credentials.
 */
public record IceServer(List<String> uris, String username, String password) {
    public IceServer {
        uris = List.copyOf(Objects.requireNonNull(uris, "uris"));
    }

    @Override
    public String toString() { // never print the password
        return "IceServer" + uris + (username != null ? " user=" + username : "");
    }
}
