package com.kvscamera.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns raw values (defaults, file, environment) into the typed records, adding one violation per problem and
 * carrying on, so that the user sees every problem in one run. Rules that span sections live in
 * {@link ConfigRules}.
 */
final class ConfigBinder {
    private final Map<String, RawValue> raw;
    private final List<String> violations;

    ConfigBinder(Map<String, RawValue> raw, List<String> violations) {
        this.raw = raw;
        this.violations = violations;
    }

    AgentConfig bind() {
        String region = string("aws.region");
        AwsConfig aws = new AwsConfig(region, endpoint(region), path("aws.caCertificate"), credentials());
        ChannelConfig channel = new ChannelConfig(string("channel.name"), string("channel.arn"), bool("channel.create"));
        SignalingConfig signaling = new SignalingConfig(string("signaling.clientId"), duration("signaling.rotateAfter"),
                duration("signaling.pingInterval"), duration("signaling.pongTimeout"),
                duration("signaling.iceRefreshGrace"));
        WebRtcConfig webrtc = new WebRtcConfig(integer("webrtc.maxViewers"), duration("webrtc.gatherTimeout"),
                portRange("webrtc.portRange"), list("webrtc.interfaces"), path("webrtc.stateDirectory"),
                bool("webrtc.relayOnly"), turnTransports(), engine(), integer("webrtc.mtu"),
                integer("webrtc.maxTurnServers"));
        CaptureConfig capture = new CaptureConfig(list("capture.command"), path("capture.file"),
                integer("capture.frameRate"), duration("capture.frameTimeout"), duration("capture.restartBackoffMax"));
        DeviceConfig device = new DeviceConfig(
                new DeviceConfig.StatusLed(optionalInteger("device.statusLed.pin"), bool("device.statusLed.activeLow")),
                new DeviceConfig.PrivacySwitch(optionalInteger("device.privacySwitch.pin"),
                        bool("device.privacySwitch.activeLow"), duration("device.privacySwitch.debounce")),
                bool("device.watchdog"));
        AgentConfig cfg = new AgentConfig(aws, channel, signaling, webrtc, capture, device);
        new ConfigRules(raw, violations).check(cfg);
        return cfg;
    }

    private CredentialsConfig credentials() {
        String sourceText = string("aws.credentials.source");
        CredentialsSource source = CredentialsSource.ENVIRONMENT;
        try {
            source = CredentialsSource.valueOf(sourceText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add("aws.credentials.source: must be one of static, environment, profile, iot (got \""
                    + sourceText + "\")" + origin("aws.credentials.source"));
        }
        IotConfig iot = new IotConfig(string("aws.credentials.iot.endpoint"), string("aws.credentials.iot.roleAlias"),
                string("aws.credentials.iot.thingName"), path("aws.credentials.iot.certificate"),
                path("aws.credentials.iot.privateKey"), path("aws.credentials.iot.caCertificate"));
        return new CredentialsConfig(source, string("aws.credentials.accessKeyId"),
                secret("aws.credentials.secretAccessKey"), secret("aws.credentials.sessionToken"),
                string("aws.credentials.profile"), iot);
    }

    /** The configured endpoint, else the regional default (.amazonaws.com.cn in China). */
    private URI endpoint(String region) {
        String text = string("aws.endpoint");
        if (text != null) {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            violations.add("aws.endpoint: must be an http or https URL like https://kinesisvideo.us-west-2.amazonaws.com"
                    + " (got \"" + text + "\")" + origin("aws.endpoint"));
            return null;
        }
        if (region == null || !ConfigRules.REGION.matcher(region).matches()) {
            return null;
        }
        String suffix = region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
        return URI.create("https://kinesisvideo." + region + suffix);
    }

    private PortRange portRange(String key) {
        String text = string(key);
        if (text == null || text.isBlank()) {
            return PortRange.EPHEMERAL;
        }
        String[] parts = text.trim().split("-", -1);
        try {
            if (parts.length == 2) {
                int first = Integer.parseInt(parts[0].trim());
                int last = Integer.parseInt(parts[1].trim());
                if (first >= 1024 && first <= last && last <= 65535) {
                    return new PortRange(first, last);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(key + ": must be empty (ephemeral ports) or a range like 50000-50100 within 1024-65535 (got \""
                + text + "\")" + origin(key));
        return PortRange.EPHEMERAL;
    }

    private List<TurnTransport> turnTransports() {
        List<TurnTransport> out = new ArrayList<>();
        for (String t : list("webrtc.turnTransports")) {
            try {
                TurnTransport transport = TurnTransport.valueOf(t.trim().toUpperCase(Locale.ROOT));
                if (!out.contains(transport)) {
                    out.add(transport);
                }
            } catch (IllegalArgumentException e) {
                violations.add("webrtc.turnTransports: each entry must be one of udp, tcp, tls (got \"" + t + "\")"
                        + origin("webrtc.turnTransports"));
            }
        }
        return out;
    }

    private WebRtcEngine engine() {
        String text = string("webrtc.engine");
        try {
            return WebRtcEngine.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add("webrtc.engine: must be one of passthrough, libwebrtc (got \"" + text + "\")"
                    + origin("webrtc.engine"));
            return WebRtcEngine.PASSTHROUGH;
        }
    }

    // ---- scalar conversion: one violation per bad value, a safe fallback so binding carries on ----

    private String origin(String key) {
        RawValue v = raw.get(key);
        return v == null ? "" : v.origin();
    }

    /** The scalar text of a key (file, environment or default), or null when unset. */
    private String scalar(String key, String expected) {
        RawValue v = raw.get(key);
        if (v == null) {
            Object def = ConfigSchema.key(key).defaultValue();
            return def instanceof String s ? s : null;
        }
        if (v.fromEnvironment()) {
            return v.text();
        }
        JsonNode node = v.node();
        if (!node.isValueNode()) {
            violations.add(key + ": must be " + expected);
            return null;
        }
        return node.asText();
    }

    String string(String key) {
        return scalar(key, "a string");
    }

    private Secret secret(String key) {
        RawValue v = raw.get(key);
        if (v != null && !v.fromEnvironment() && !v.node().isTextual()) {
            // never echo the value of a secret key
            violations.add(key + ": must be a string");
            return null;
        }
        return Secret.ofNullable(scalar(key, "a string"));
    }

    private Path path(String key) {
        String text = scalar(key, "a file path");
        if (text == null) {
            return null;
        }
        try {
            if (text.isBlank()) {
                throw new InvalidPathException(text, "empty");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            violations.add(key + ": must be a file path (got \"" + text + "\")" + origin(key));
            return null;
        }
    }

    private boolean bool(String key) {
        RawValue v = raw.get(key);
        boolean fallback = Boolean.parseBoolean((String) ConfigSchema.key(key).defaultValue());
        if (v != null && !v.fromEnvironment() && v.node().isBoolean()) {
            return v.node().booleanValue();
        }
        String text = scalar(key, "true or false");
        if (text == null) {
            return fallback;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        violations.add(key + ": must be true or false (got \"" + text + "\")" + origin(key));
        return fallback;
    }

    private Integer optionalInteger(String key) {
        RawValue v = raw.get(key);
        if (v != null && !v.fromEnvironment() && v.node().isIntegralNumber() && v.node().canConvertToInt()) {
            return v.node().intValue();
        }
        String text = scalar(key, "an integer");
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            violations.add(key + ": must be an integer (got \"" + text + "\")" + origin(key));
            return null;
        }
    }

    private int integer(String key) {
        Integer value = optionalInteger(key);
        return value != null ? value : Integer.parseInt((String) ConfigSchema.key(key).defaultValue());
    }

    private Duration duration(String key) {
        String text = scalar(key, "a duration like 1500ms, 30s, 45m or 2h");
        try {
            return Durations.parse(key, text);
        } catch (IllegalArgumentException e) {
            if (text != null) {
                violations.add(e.getMessage() + origin(key));
            }
            return Durations.parse(key, (String) ConfigSchema.key(key).defaultValue());
        }
    }

    /** A YAML sequence of scalars, or a comma-separated environment override ("" = empty list). */
    private List<String> list(String key) {
        RawValue v = raw.get(key);
        if (v == null) {
            return ConfigSchema.key(key).defaultList();
        }
        List<String> out = new ArrayList<>();
        if (v.fromEnvironment()) {
            for (String part : v.text().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        JsonNode node = v.node();
        if (!node.isArray()) {
            violations.add(key + ": must be a list of strings, e.g. [a, b]");
            return ConfigSchema.key(key).defaultList();
        }
        for (JsonNode item : node) {
            if (!item.isValueNode() || item.isNull()) {
                violations.add(key + ": must be a list of strings, e.g. [a, b]");
                return ConfigSchema.key(key).defaultList();
            }
            out.add(item.asText());
        }
        return out;
    }
}
