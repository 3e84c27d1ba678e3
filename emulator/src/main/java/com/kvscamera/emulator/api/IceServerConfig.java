package com.kvscamera.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kvscamera.emulator.TurnServerInfo;
import com.kvscamera.emulator.turn.TurnCredentials;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * GetIceServerConfig responses: two IceServer entries (KVS returns two relays) whose URIs point at the local
 * coturn, with TURN REST credentials it accepts. Without --turn the list is empty: there is no relay to offer.
 */
public final class IceServerConfig {
    private final Optional<TurnServerInfo> turn;
    private final Duration ttl;
    private final Clock clock;

    public IceServerConfig(Optional<TurnServerInfo> turn, Duration ttl, Clock clock) {
        this.turn = turn;
        this.ttl = ttl;
        this.clock = clock;
    }

    public ObjectNode response(String channelArn) {
        ObjectNode out = JsonInput.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("IceServerList");
        if (turn.isEmpty()) {
            return out;
        }
        TurnServerInfo t = turn.get();
        String id = Base64.getEncoder().encodeToString(("v1:" + channelArn).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2; i++) {
            TurnCredentials creds = TurnCredentials.issue(t.sharedSecret(), ttl, id, clock);
            ObjectNode server = list.addObject();
            ArrayNode uris = server.putArray("Uris");
            for (String uri : uris(t)) {
                uris.add(uri);
            }
            server.put("Username", creds.username());
            server.put("Password", creds.password());
            server.put("Ttl", ttl.toSeconds());
        }
        return out;
    }

    static List<String> uris(TurnServerInfo t) {
        List<String> uris = new ArrayList<>();
        uris.add("turn:" + t.host() + ":" + t.udpPort() + "?transport=udp");
        uris.add("turn:" + t.host() + ":" + t.tcpPort() + "?transport=tcp");
        if (t.tlsPort() > 0) {
            uris.add("turns:" + t.host() + ":" + t.tlsPort() + "?transport=tcp");
        }
        return uris;
    }
}
