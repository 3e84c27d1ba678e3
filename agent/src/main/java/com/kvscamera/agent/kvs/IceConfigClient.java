package com.kvscamera.agent.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Data-plane GetIceServerConfig (kvs-signaling.md §2.2) on the channel's HTTPS endpoint. Blocking. */
public final class IceConfigClient {
    /** The model allows Ttl 30–86400 s; clamp nonsense so one bad value cannot cause a refresh storm. */
    static final Duration MIN_TTL = Duration.ofSeconds(5);

    private final KvsHttpClient http;
    private final Clock clock;

    public IceConfigClient(KvsHttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public IceConfig fetch(URI httpsEndpoint, String channelArn, String clientId) throws KvsCallException {
        var fetchedAt = clock.instant();
        JsonNode r = http.post("GetIceServerConfig", httpsEndpoint, "/v1/get-ice-server-config",
                Map.of("ChannelARN", channelArn, "ClientId", clientId, "Service", "TURN"));
        List<IceServer> servers = new ArrayList<>();
        for (JsonNode s : r.path("IceServerList")) {
            List<String> uris = new ArrayList<>();
            s.path("Uris").forEach(u -> uris.add(u.asText()));
            if (uris.isEmpty()) {
                continue;
            }
            long ttl = s.path("Ttl").asLong(300);
            Duration d = Duration.ofSeconds(ttl);
            if (d.compareTo(MIN_TTL) < 0) {
                d = MIN_TTL;
            }
            servers.add(new IceServer(uris, s.path("Username").asText(null), s.path("Password").asText(null), d));
        }
        return new IceConfig(servers, fetchedAt);
    }
}
