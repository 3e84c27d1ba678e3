package com.kvscamera.agent.config;

import static com.kvscamera.agent.config.ConfigKey.Kind.BOOL;
import static com.kvscamera.agent.config.ConfigKey.Kind.DURATION;
import static com.kvscamera.agent.config.ConfigKey.Kind.INT;
import static com.kvscamera.agent.config.ConfigKey.Kind.PATH;
import static com.kvscamera.agent.config.ConfigKey.Kind.SECRET;
import static com.kvscamera.agent.config.ConfigKey.Kind.STRING;
import static com.kvscamera.agent.config.ConfigKey.Kind.STRING_LIST;
import static com.kvscamera.agent.config.ConfigKey.Kind.URL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every key the configuration file accepts, in the order they are documented and printed. */
public final class ConfigSchema {
    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();
    private static final Set<String> SECTIONS = new LinkedHashSet<>();

    static {
        key("aws.region", STRING, null, "AWS region, e.g. us-west-2 (required)");
        key("aws.endpoint", URL, null, "control-plane URL; default https://kinesisvideo.<region>.amazonaws.com(.cn)");
        key("aws.caCertificate", PATH, null, "extra trust anchor (PEM) for the KVS endpoints");
        key("aws.credentials.source", STRING, "environment", "static | environment | profile | iot");
        key("aws.credentials.accessKeyId", STRING, null, "access key id (source static)");
        key("aws.credentials.secretAccessKey", SECRET, null, "secret access key (source static)");
        key("aws.credentials.sessionToken", SECRET, null, "session token (source static, optional)");
        key("aws.credentials.profile", STRING, null, "profile in the shared credentials file (source profile)");
        key("aws.credentials.iot.endpoint", STRING, null, "IoT credentials-provider host[:port] (source iot)");
        key("aws.credentials.iot.roleAlias", STRING, null, "IoT role alias (source iot)");
        key("aws.credentials.iot.thingName", STRING, null, "IoT thing name, sent as x-amzn-iot-thingname (source iot)");
        key("aws.credentials.iot.certificate", PATH, null, "device certificate, PEM (source iot)");
        key("aws.credentials.iot.privateKey", PATH, null, "device private key, PEM: PKCS#1, PKCS#8 or SEC1 EC (source iot)");
        key("aws.credentials.iot.caCertificate", PATH, null, "trust anchor for the IoT endpoint, PEM; default the JDK's");
        key("channel.name", STRING, null, "signaling channel name (required)");
        key("channel.arn", STRING, null, "channel ARN; skips DescribeSignalingChannel");
        key("channel.create", BOOL, "false", "create the channel when it does not exist");
        key("signaling.clientId", STRING, "ProducerMaster", "ClientId sent in GetIceServerConfig");
        key("signaling.rotateAfter", DURATION, "40m", "open a fresh signaling connection after this long (< 45m)");
        key("signaling.pingInterval", DURATION, "10s", "WebSocket ping period");
        key("signaling.pongTimeout", DURATION, "30s", "reconnect when no pong arrived for this long");
        key("signaling.iceRefreshGrace", DURATION, "30s", "refresh ICE servers this long before their TTL ends");
        key("webrtc.maxViewers", INT, "10", "concurrent viewers");
        key("webrtc.gatherTimeout", DURATION, "1500ms", "longest candidate gathering for non-trickle offers");
        key("webrtc.portRange", STRING, "", "ICE port range like 50000-50100; empty = ephemeral");
        key("webrtc.interfaces", STRING_LIST, List.of(), "interfaces for host candidates; empty = all");
        key("webrtc.stateDirectory", PATH, "./state", "directory of the persisted DTLS certificate");
        key("webrtc.relayOnly", BOOL, "false", "offer only relay (TURN) candidates");
        key("webrtc.turnTransports", STRING_LIST, List.of("udp", "tcp", "tls"), "TURN transports: udp, tcp, tls");
        key("webrtc.engine", STRING, "passthrough", "passthrough | libwebrtc");
        key("webrtc.mtu", INT, "1200", "largest RTP packet in bytes");
        key("webrtc.maxTurnServers", INT, "1", "TURN server entries each session allocates on (random pick; the others stand by for a failed allocation); 0 = no TURN");
        key("capture.command", STRING_LIST, List.of(), "capture command writing H.264 Annex B to stdout");
        key("capture.file", PATH, null, "H.264 Annex B file played in a loop (instead of command)");
        key("capture.frameRate", INT, "30", "frame rate of capture.file");
        key("capture.frameTimeout", DURATION, "5s", "restart the capture when no frame arrived for this long");
        key("capture.restartBackoffMax", DURATION, "30s", "cap of the capture restart backoff");
        key("device.statusLed.pin", INT, null, "GPIO line of the status LED");
        key("device.statusLed.activeLow", BOOL, "false", "the LED lights when the line is low");
        key("device.privacySwitch.pin", INT, null, "GPIO line of the privacy switch");
        key("device.privacySwitch.activeLow", BOOL, "true", "the switch is on when the line is low");
        key("device.privacySwitch.debounce", DURATION, "50ms", "privacy switch debounce");
        key("device.watchdog", BOOL, "true", "send systemd watchdog pings when WatchdogSec is set");
    }

    private ConfigSchema() {
    }

    private static void key(String path, ConfigKey.Kind kind, Object def, String description) {
        KEYS.put(path, new ConfigKey(path, kind, def, description));
        for (int i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
            SECTIONS.add(path.substring(0, i));
        }
    }

    public static List<ConfigKey> keys() {
        return List.copyOf(KEYS.values());
    }

    public static ConfigKey key(String path) {
        return KEYS.get(path);
    }

    public static boolean isSection(String path) {
        return SECTIONS.contains(path);
    }

    /** Every key and section path, for "did you mean" suggestions. */
    static List<String> allPaths() {
        List<String> all = new ArrayList<>(KEYS.keySet());
        all.addAll(SECTIONS);
        return Collections.unmodifiableList(all);
    }
}
