package com.kvscamera.rtc.ice;

import java.util.List;
import java.util.Objects;

/**
 * One entry of an ICE server configuration (as KVS GetIceServerConfig or RTCIceServer gives it):
 * stun:/turn:/turns: URIs with optional ?transport=udp|tcp, plus TURN credentials.
 *
 * @param standby a TURN entry that is allocated on only when an allocation on a regular entry fails, and then only
 *                with its URIs of the transport that failed: KVS hands out two TURN entries and a session allocates
 *                on one, so the other is the way round a relay that is down
 */
public record IceServer(List<String> uris, String username, String password, boolean standby) {
    public IceServer {
        uris = List.copyOf(Objects.requireNonNull(uris, "uris"));
    }

    public IceServer(List<String> uris, String username, String password) {
        this(uris, username, password, false);
    }

    /** The same entry, held back for when a regular one fails. */
    public IceServer asStandby() {
        return new IceServer(uris, username, password, true);
    }

    @Override
    public String toString() { // never print the password
        return "IceServer" + uris + (username != null ? " user=" + username : "") + (standby ? " (standby)" : "");
    }
}
