package com.kvscamera.agent.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three control-plane calls a master needs (kvs-signaling.md §1.2–1.4). Blocking; call from an I/O thread. */
public final class ControlPlaneClient {
    private final KvsHttpClient http;
    private final URI endpoint;

    public ControlPlaneClient(KvsHttpClient http, URI endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** DescribeSignalingChannel by name; returns the ARN. A DELETING channel counts as not found. */
    public String describeChannel(String channelName) throws KvsCallException {
        JsonNode info = http.post("DescribeSignalingChannel", endpoint, "/describeSignalingChannel",
                Map.of("ChannelName", channelName)).path("ChannelInfo");
        String arn = info.path("ChannelARN").asText("");
        if (arn.isEmpty()) {
            throw new KvsCallException("DescribeSignalingChannel", Outcome.TRANSIENT, 200, null,
                    "response has no ChannelInfo.ChannelARN for '" + channelName + "'", null, null);
        }
        if ("DELETING".equals(info.path("ChannelStatus").asText())) {
            throw new KvsCallException("DescribeSignalingChannel", Outcome.NOT_FOUND, 200, null,
                    "channel '" + channelName + "' is being deleted", null, null);
        }
        return arn;
    }

    /** CreateSignalingChannel (SINGLE_MASTER); returns the new ARN. */
    public String createChannel(String channelName) throws KvsCallException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ChannelName", channelName);
        body.put("ChannelType", "SINGLE_MASTER");
        body.put("SingleMasterConfiguration", Map.of("MessageTtlSeconds", 60));
        JsonNode r = http.post("CreateSignalingChannel", endpoint, "/createSignalingChannel", body);
        return r.path("ChannelARN").asText("");
    }

    /** GetSignalingChannelEndpoint (MASTER, WSS+HTTPS). */
    public ChannelEndpoints getMasterEndpoints(String channelArn) throws KvsCallException {
        Map<String, Object> body = Map.of(
                "ChannelARN", channelArn,
                "SingleMasterChannelEndpointConfiguration", Map.of("Protocols", List.of("WSS", "HTTPS"), "Role", "MASTER"));
        JsonNode r = http.post("GetSignalingChannelEndpoint", endpoint, "/getSignalingChannelEndpoint", body);
        URI wss = null;
        URI https = null;
        for (JsonNode e : r.path("ResourceEndpointList")) {
            String protocol = e.path("Protocol").asText();
            String url = e.path("ResourceEndpoint").asText();
            try {
                if ("WSS".equals(protocol)) {
                    wss = URI.create(url);
                } else if ("HTTPS".equals(protocol)) {
                    https = URI.create(url);
                }
            } catch (IllegalArgumentException ex) {
                throw new KvsCallException("GetSignalingChannelEndpoint", Outcome.TRANSIENT, 200, null,
                        "invalid " + protocol + " endpoint '" + url + "'", null, ex);
            }
        }
        if (wss == null || https == null) {
            throw new KvsCallException("GetSignalingChannelEndpoint", Outcome.TRANSIENT, 200, null,
                    "response lacks the WSS or HTTPS endpoint", null, null);
        }
        return new ChannelEndpoints(channelArn, wss, https);
    }
}
