package com.kvscamera.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Value rules and rules that span keys; each broken rule adds "&lt;key.path&gt;: &lt;rule&gt;". */
final class ConfigRules {
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    static final Pattern CHANNEL_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    static final Pattern CHANNEL_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesisvideo:[a-z0-9-]+:\\d{12}:channel/[a-zA-Z0-9_.-]{1,256}/\\d+");
    static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");
    static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");
    static final Pattern ROLE_ALIAS = Pattern.compile("[\\w=,@-]{1,128}");
    static final Pattern THING_NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");
    /** KVS closes a signaling connection after 45 minutes; rotation must come first. */
    static final Duration SESSION_LIMIT = Duration.ofMinutes(45);

    private final Map<String, RawValue> raw;
    private final List<String> violations;

    ConfigRules(Map<String, RawValue> raw, List<String> violations) {
        this.raw = raw;
        this.violations = violations;
    }

    void check(AgentConfig c) {
        aws(c.aws());
        credentials(c.aws().credentials());
        String name = c.channel().name();
        if (name == null) {
            violations.add("channel.name: is required");
        } else if (!CHANNEL_NAME.matcher(name).matches()) {
            violations.add("channel.name: must match [a-zA-Z0-9_.-]{1,256}" + origin("channel.name"));
        }
        String arn = c.channel().arn();
        if (arn != null && !CHANNEL_ARN.matcher(arn).matches()) {
            violations.add("channel.arn: must be a signaling channel ARN like "
                    + "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam1/1600000000000" + origin("channel.arn"));
        }
        signaling(c.signaling());
        webrtc(c.webrtc());
        capture(c.capture());
        device(c.device());
    }

    private void aws(AwsConfig aws) {
        if (aws.region() == null) {
            violations.add("aws.region: is required");
        } else if (!REGION.matcher(aws.region()).matches()) {
            violations.add("aws.region: must be an AWS region like us-west-2 (got \"" + aws.region() + "\")"
                    + origin("aws.region"));
        }
    }

    private void credentials(CredentialsConfig cc) {
        CredentialsSource s = cc.source();
        String src = "when aws.credentials.source is " + s.configName();
        if (s == CredentialsSource.STATIC) {
            required("aws.credentials.accessKeyId", cc.accessKeyId(), src);
            required("aws.credentials.secretAccessKey", cc.secretAccessKey() == null ? null : "set", src);
        } else {
            unused("aws.credentials.accessKeyId", "static");
            unused("aws.credentials.secretAccessKey", "static");
            unused("aws.credentials.sessionToken", "static");
        }
        if (s != CredentialsSource.PROFILE) {
            unused("aws.credentials.profile", "profile");
        }
        IotConfig iot = cc.iot();
        if (s == CredentialsSource.IOT) {
            if (required("aws.credentials.iot.endpoint", iot.endpoint(), src)
                    && !HOST_PORT.matcher(iot.endpoint()).matches()) {
                violations.add("aws.credentials.iot.endpoint: must be a host name with an optional :port, like "
                        + "c2example.credentials.iot.us-west-2.amazonaws.com (got \"" + iot.endpoint() + "\")"
                        + origin("aws.credentials.iot.endpoint"));
            }
            if (required("aws.credentials.iot.roleAlias", iot.roleAlias(), src)
                    && !ROLE_ALIAS.matcher(iot.roleAlias()).matches()) {
                violations.add("aws.credentials.iot.roleAlias: must match [\\w=,@-]{1,128}"
                        + origin("aws.credentials.iot.roleAlias"));
            }
            if (required("aws.credentials.iot.thingName", iot.thingName(), src)
                    && !THING_NAME.matcher(iot.thingName()).matches()) {
                violations.add("aws.credentials.iot.thingName: must match [a-zA-Z0-9:_-]{1,128}"
                        + origin("aws.credentials.iot.thingName"));
            }
            required("aws.credentials.iot.certificate", iot.certificate(), src);
            required("aws.credentials.iot.privateKey", iot.privateKey(), src);
        } else {
            for (String k : List.of("endpoint", "roleAlias", "thingName", "certificate", "privateKey", "caCertificate")) {
                unused("aws.credentials.iot." + k, "iot");
            }
        }
    }

    private void signaling(SignalingConfig s) {
        if (s.clientId() == null || !CLIENT_ID.matcher(s.clientId()).matches()) {
            violations.add("signaling.clientId: must match [a-zA-Z0-9_.-]{1,256}" + origin("signaling.clientId"));
        }
        if (s.rotateAfter().compareTo(Duration.ofMinutes(1)) < 0 || s.rotateAfter().compareTo(SESSION_LIMIT) >= 0) {
            violations.add("signaling.rotateAfter: must be at least 1m and less than 45m (the KVS session limit)"
                    + origin("signaling.rotateAfter"));
        }
        positive("signaling.pingInterval", s.pingInterval());
        if (s.pongTimeout().compareTo(s.pingInterval()) <= 0) {
            violations.add("signaling.pongTimeout: must be longer than signaling.pingInterval"
                    + origin("signaling.pongTimeout"));
        }
        positive("signaling.iceRefreshGrace", s.iceRefreshGrace());
    }

    private void webrtc(WebRtcConfig w) {
        range("webrtc.maxViewers", w.maxViewers(), 1, 100);
        if (w.gatherTimeout().compareTo(Duration.ofMillis(100)) < 0
                || w.gatherTimeout().compareTo(Duration.ofSeconds(30)) > 0) {
            violations.add("webrtc.gatherTimeout: must be between 100ms and 30s" + origin("webrtc.gatherTimeout"));
        }
        for (String i : w.interfaces()) {
            if (!INTERFACE.matcher(i).matches()) {
                violations.add("webrtc.interfaces: \"" + i + "\" is not a network interface name"
                        + origin("webrtc.interfaces"));
            }
        }
        if (w.relayOnly() && w.turnTransports().isEmpty()) {
            violations.add("webrtc.turnTransports: must not be empty when webrtc.relayOnly is true");
        }
        range("webrtc.mtu", w.mtu(), 576, 1500);
        range("webrtc.maxTurnServers", w.maxTurnServers(), 0, 5);
        if (w.relayOnly() && w.maxTurnServers() == 0) {
            violations.add("webrtc.maxTurnServers: must be at least 1 when webrtc.relayOnly is true");
        }
    }

    private void capture(CaptureConfig c) {
        boolean hasCommand = !c.command().isEmpty();
        boolean hasFile = c.file() != null;
        if (hasCommand == hasFile) {
            violations.add("capture.command: exactly one of capture.command and capture.file must be set"
                    + (hasCommand ? " (both are)" : " (neither is)"));
        }
        if (hasCommand && c.command().get(0).isBlank()) {
            violations.add("capture.command: the first entry must be the program to run");
        }
        range("capture.frameRate", c.frameRate(), 1, 120);
        positive("capture.frameTimeout", c.frameTimeout());
        if (c.restartBackoffMax().compareTo(Duration.ofSeconds(1)) < 0) {
            violations.add("capture.restartBackoffMax: must be at least 1s" + origin("capture.restartBackoffMax"));
        }
    }

    private void device(DeviceConfig d) {
        Integer led = d.statusLed().pin();
        Integer sw = d.privacySwitch().pin();
        if (led != null) {
            range("device.statusLed.pin", led, 0, 63);
        }
        if (sw != null) {
            range("device.privacySwitch.pin", sw, 0, 63);
        }
        if (led != null && led.equals(sw)) {
            violations.add("device.privacySwitch.pin: must differ from device.statusLed.pin");
        }
        if (d.privacySwitch().debounce().compareTo(Duration.ofSeconds(1)) > 0) {
            violations.add("device.privacySwitch.debounce: must be at most 1s" + origin("device.privacySwitch.debounce"));
        }
    }

    // ---- helpers ----

    private boolean required(String key, Object value, String when) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            violations.add(key + ": is required " + when);
            return false;
        }
        return true;
    }

    /** A key set for another credentials source is most likely a mistake (wrong source, or a typo in it). */
    private void unused(String key, String source) {
        if (raw.containsKey(key)) {
            violations.add(key + ": is only used when aws.credentials.source is " + source + origin(key));
        }
    }

    private void positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            violations.add(key + ": must be greater than 0" + origin(key));
        }
    }

    private void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            violations.add(key + ": must be between " + min + " and " + max + " (got " + value + ")" + origin(key));
        }
    }

    private String origin(String key) {
        RawValue v = raw.get(key);
        return v == null ? "" : v.origin();
    }
}
