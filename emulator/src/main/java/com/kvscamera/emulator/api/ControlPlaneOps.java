package com.kvscamera.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kvscamera.emulator.channel.ChannelRecord;
import com.kvscamera.emulator.channel.ChannelRegistry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The kinesisvideo control-plane operations (rest-json, API 2017-09-30). Runs on the router thread. */
public final class ControlPlaneOps {
    private static final Set<String> PROTOCOLS = Set.of("WSS", "HTTPS", "WEBRTC");

    private final ChannelRegistry registry;
    private final Duration defaultMessageTtl;
    private volatile String wssEndpoint;
    private volatile String httpsEndpoint;
    private final Consumer<ChannelRecord> onCreate;
    private final Consumer<ChannelRecord> onDelete;

    public ControlPlaneOps(ChannelRegistry registry, Duration defaultMessageTtl, String wssEndpoint,
                           String httpsEndpoint, Consumer<ChannelRecord> onCreate, Consumer<ChannelRecord> onDelete) {
        this.registry = registry;
        this.defaultMessageTtl = defaultMessageTtl;
        this.wssEndpoint = wssEndpoint;
        this.httpsEndpoint = httpsEndpoint;
        this.onCreate = onCreate;
        this.onDelete = onDelete;
    }

    /** The endpoints point back at the emulator, whose port is known only once it is bound. */
    public void setEndpoints(String wss, String https) {
        this.wssEndpoint = wss;
        this.httpsEndpoint = https;
    }

    public ObjectNode create(JsonInput in) {
        String name = in.requiredString("ChannelName", 1, 256, JsonInput.NAME);
        String type = in.optionalString("ChannelType", 1, 32, null);
        if (type == null) {
            type = "SINGLE_MASTER";
        }
        if (!type.equals("SINGLE_MASTER") && !type.equals("FULL_MESH")) {
            throw ApiException.validation("ChannelType", type, "Member must satisfy enum value set: [SINGLE_MASTER, FULL_MESH]");
        }
        if (type.equals("FULL_MESH")) {
            throw ApiException.invalidArgument("ChannelType FULL_MESH is not supported; use SINGLE_MASTER");
        }
        Duration ttl = messageTtl(in.optionalObject("SingleMasterConfiguration"), defaultMessageTtl);
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        JsonNode tagNodes = in.optionalArray("Tags", 0, 50);
        if (tagNodes != null) {
            for (JsonNode t : tagNodes) {
                JsonInput tag = JsonInput.of(t);
                String key = tag.requiredString("Key", 1, 128, null);
                String value = tag.requiredString("Value", 0, 256, null);
                tags.add(Map.entry(key, value));
            }
        }
        ChannelRecord record = registry.create(name, type, ttl, tags)
                .orElseThrow(() -> ApiException.inUse("The signaling channel " + name + " already exists."));
        onCreate.accept(record);
        ObjectNode out = JsonInput.MAPPER.createObjectNode();
        out.put("ChannelARN", record.arn());
        return out;
    }

    public ObjectNode describe(JsonInput in) {
        ChannelRecord record = locate(in, true);
        ObjectNode out = JsonInput.MAPPER.createObjectNode();
        out.set("ChannelInfo", channelInfo(record));
        return out;
    }

    public ObjectNode getEndpoint(JsonInput in) {
        String arn = in.requiredString("ChannelARN", 1, 1024, JsonInput.ARN);
        JsonInput cfg = in.optionalObject("SingleMasterChannelEndpointConfiguration");
        List<String> protocols = new ArrayList<>(List.of("WSS", "HTTPS"));
        if (cfg != null) {
            String role = cfg.optionalString("Role", 1, 16, null);
            if (role != null && !role.equals("MASTER") && !role.equals("VIEWER")) {
                throw ApiException.validation("SingleMasterChannelEndpointConfiguration.Role", role,
                        "Member must satisfy enum value set: [MASTER, VIEWER]");
            }
            JsonNode list = cfg.optionalArray("Protocols", 1, 5);
            if (list != null) {
                Set<String> chosen = new LinkedHashSet<>();
                for (JsonNode p : list) {
                    if (!p.isTextual() || !PROTOCOLS.contains(p.textValue())) {
                        throw ApiException.validation("SingleMasterChannelEndpointConfiguration.Protocols", p.asText(),
                                "Member must satisfy enum value set: [WSS, HTTPS, WEBRTC]");
                    }
                    chosen.add(p.textValue());
                }
                protocols = new ArrayList<>(chosen);
            }
        }
        registry.byArn(arn).orElseThrow(ApiException::channelNotFound);
        if (protocols.contains("WEBRTC")) {
            throw ApiException.invalidArgument("The WEBRTC protocol requires media storage (ingestion), "
                    + "which is not enabled for the channel " + arn);
        }
        ObjectNode out = JsonInput.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("ResourceEndpointList");
        for (String p : protocols) {
            ObjectNode e = list.addObject();
            e.put("Protocol", p);
            e.put("ResourceEndpoint", p.equals("WSS") ? wssEndpoint : httpsEndpoint);
        }
        return out;
    }

    public ObjectNode delete(JsonInput in) {
        String arn = in.requiredString("ChannelARN", 1, 1024, JsonInput.ARN);
        String version = in.optionalString("CurrentVersion", 1, 64, java.util.regex.Pattern.compile("[a-zA-Z0-9]+"));
        ChannelRecord record = registry.byArn(arn).orElseThrow(ApiException::channelNotFound);
        if (version != null && !version.equals(record.version())) {
            throw new ApiException(400, "VersionMismatchException", ApiException.CONTROL_NS,
                    "The version " + version + " does not match the current version of the channel", false);
        }
        registry.remove(record);
        onDelete.accept(record);
        return JsonInput.MAPPER.createObjectNode();
    }

    public ObjectNode update(JsonInput in) {
        String arn = in.requiredString("ChannelARN", 1, 1024, JsonInput.ARN);
        String version = in.requiredString("CurrentVersion", 1, 64, java.util.regex.Pattern.compile("[a-zA-Z0-9]+"));
        ChannelRecord record = registry.byArn(arn).orElseThrow(ApiException::channelNotFound);
        if (!version.equals(record.version())) {
            throw new ApiException(400, "VersionMismatchException", ApiException.CONTROL_NS,
                    "The version " + version + " does not match the current version of the channel", false);
        }
        registry.update(record, messageTtl(in.optionalObject("SingleMasterConfiguration"), record.messageTtl()));
        return JsonInput.MAPPER.createObjectNode();
    }

    public ObjectNode list(JsonInput in) {
        Integer max = in.optionalInt("MaxResults", 1, 10000);
        String token = in.optionalString("NextToken", 0, 512, java.util.regex.Pattern.compile("[a-zA-Z0-9+/=]*"));
        JsonInput cond = in.optionalObject("ChannelNameCondition");
        String prefix = null;
        if (cond != null) {
            String op = cond.optionalString("ComparisonOperator", 1, 32, null);
            if (op != null && !op.equals("BEGINS_WITH")) {
                throw ApiException.validation("ChannelNameCondition.ComparisonOperator", op,
                        "Member must satisfy enum value set: [BEGINS_WITH]");
            }
            prefix = cond.optionalString("ComparisonValue", 1, 256, JsonInput.NAME);
        }
        int start = 0;
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(java.util.Base64.getDecoder().decode(token),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidArgument("NextToken '" + token + "' is not a token this service issued");
            }
        }
        List<ChannelRecord> matching = new ArrayList<>();
        for (ChannelRecord r : registry.all()) {
            if (prefix == null || r.name().startsWith(prefix)) {
                matching.add(r);
            }
        }
        int limit = max == null ? 500 : max;
        ObjectNode out = JsonInput.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("ChannelInfoList");
        int end = Math.min(matching.size(), start + limit);
        for (int i = Math.min(start, end); i < end; i++) {
            list.add(channelInfo(matching.get(i)));
        }
        if (end < matching.size()) {
            out.put("NextToken", java.util.Base64.getEncoder().encodeToString(
                    Integer.toString(end).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Finds the channel named by ChannelName or ChannelARN (exactly one of them). */
    public ChannelRecord locate(JsonInput in, boolean nameAllowed) {
        String name = nameAllowed ? in.optionalString("ChannelName", 1, 256, JsonInput.NAME) : null;
        String arn = in.optionalString("ChannelARN", 1, 1024, JsonInput.ARN);
        if (name == null && arn == null) {
            throw ApiException.invalidArgument("Either ChannelName or ChannelARN must be specified");
        }
        if (name != null && arn != null) {
            throw ApiException.invalidArgument("Specify either ChannelName or ChannelARN, not both");
        }
        return (name != null ? registry.byName(name) : registry.byArn(arn)).orElseThrow(ApiException::channelNotFound);
    }

    private static Duration messageTtl(JsonInput cfg, Duration fallback) {
        if (cfg == null) {
            return fallback;
        }
        Integer seconds = cfg.optionalInt("MessageTtlSeconds", 5, 120);
        return seconds == null ? fallback : Duration.ofSeconds(seconds);
    }

    static ObjectNode channelInfo(ChannelRecord r) {
        ObjectNode info = JsonInput.MAPPER.createObjectNode();
        info.put("ChannelName", r.name());
        info.put("ChannelARN", r.arn());
        info.put("ChannelType", r.type());
        info.put("ChannelStatus", "ACTIVE");
        info.put("CreationTime", BigDecimal.valueOf(r.creationTime().toEpochMilli(), 3));
        ObjectNode smc = info.putObject("SingleMasterConfiguration");
        smc.put("MessageTtlSeconds", Math.max(1, r.messageTtl().toSeconds()));
        info.put("Version", r.version());
        return info;
    }
}
