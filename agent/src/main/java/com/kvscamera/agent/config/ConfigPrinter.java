package com.kvscamera.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Prints the effective configuration as YAML, in schema order, with every secret shown as {@code ***}. */
public final class ConfigPrinter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@+-][A-Za-z0-9_./:@+ -]*");

    private ConfigPrinter() {
    }

    public static String print(AgentConfig cfg) {
        Map<String, Object> values = values(cfg);
        StringBuilder sb = new StringBuilder();
        List<String> open = new ArrayList<>();
        for (ConfigKey key : ConfigSchema.keys()) {
            String[] parts = key.path().split("\\.");
            int common = 0;
            while (common < open.size() && common < parts.length - 1 && open.get(common).equals(parts[common])) {
                common++;
            }
            while (open.size() > common) {
                open.remove(open.size() - 1);
            }
            for (int i = common; i < parts.length - 1; i++) {
                sb.append("  ".repeat(i)).append(parts[i]).append(":\n");
                open.add(parts[i]);
            }
            Object v = values.get(key.path());
            sb.append("  ".repeat(parts.length - 1)).append(parts[parts.length - 1]).append(": ")
                    .append(format(v)).append('\n');
        }
        return sb.toString();
    }

    /** Every key's effective value; secrets are replaced by their mask here, before anything is formatted. */
    static Map<String, Object> values(AgentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aws.region", c.aws().region());
        m.put("aws.endpoint", c.aws().endpoint() == null ? null : c.aws().endpoint().toString());
        m.put("aws.caCertificate", c.aws().caCertificate());
        CredentialsConfig cr = c.aws().credentials();
        m.put("aws.credentials.source", cr.source().configName());
        m.put("aws.credentials.accessKeyId", cr.accessKeyId());
        m.put("aws.credentials.secretAccessKey", cr.secretAccessKey() == null ? null : Secret.MASK);
        m.put("aws.credentials.sessionToken", cr.sessionToken() == null ? null : Secret.MASK);
        m.put("aws.credentials.profile", cr.profile());
        IotConfig iot = cr.iot();
        m.put("aws.credentials.iot.endpoint", iot.endpoint());
        m.put("aws.credentials.iot.roleAlias", iot.roleAlias());
        m.put("aws.credentials.iot.thingName", iot.thingName());
        m.put("aws.credentials.iot.certificate", iot.certificate());
        m.put("aws.credentials.iot.privateKey", iot.privateKey());
        m.put("aws.credentials.iot.caCertificate", iot.caCertificate());
        m.put("channel.name", c.channel().name());
        m.put("channel.arn", c.channel().arn());
        m.put("channel.create", c.channel().create());
        SignalingConfig s = c.signaling();
        m.put("signaling.clientId", s.clientId());
        m.put("signaling.rotateAfter", s.rotateAfter());
        m.put("signaling.pingInterval", s.pingInterval());
        m.put("signaling.pongTimeout", s.pongTimeout());
        m.put("signaling.iceRefreshGrace", s.iceRefreshGrace());
        WebRtcConfig w = c.webrtc();
        m.put("webrtc.maxViewers", w.maxViewers());
        m.put("webrtc.gatherTimeout", w.gatherTimeout());
        m.put("webrtc.portRange", w.portRange().toString());
        m.put("webrtc.interfaces", w.interfaces());
        m.put("webrtc.stateDirectory", w.stateDirectory());
        m.put("webrtc.relayOnly", w.relayOnly());
        m.put("webrtc.turnTransports", w.turnTransports().stream().map(TurnTransport::configName).toList());
        m.put("webrtc.engine", w.engine().configName());
        m.put("webrtc.mtu", w.mtu());
        m.put("webrtc.maxTurnServers", w.maxTurnServers());
        CaptureConfig cap = c.capture();
        m.put("capture.command", cap.command());
        m.put("capture.file", cap.file());
        m.put("capture.frameRate", cap.frameRate());
        m.put("capture.frameTimeout", cap.frameTimeout());
        m.put("capture.restartBackoffMax", cap.restartBackoffMax());
        DeviceConfig d = c.device();
        m.put("device.statusLed.pin", d.statusLed().pin());
        m.put("device.statusLed.activeLow", d.statusLed().activeLow());
        m.put("device.privacySwitch.pin", d.privacySwitch().pin());
        m.put("device.privacySwitch.activeLow", d.privacySwitch().activeLow());
        m.put("device.privacySwitch.debounce", d.privacySwitch().debounce());
        m.put("device.watchdog", d.watchdog());
        return m;
    }

    private static String format(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Duration d) {
            return Durations.format(d);
        }
        if (v instanceof Boolean || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(quote(String.valueOf(o)));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Path p) {
            return quote(p.toString());
        }
        return quote(v.toString());
    }

    /** Plain when unambiguous, otherwise a double-quoted YAML string. */
    static String quote(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !List.of("true", "false", "null", "yes", "no", "on", "off", "~")
                .contains(s.toLowerCase())) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
