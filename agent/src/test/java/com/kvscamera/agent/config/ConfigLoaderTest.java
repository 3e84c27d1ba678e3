package com.kvscamera.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigLoaderTest {
    /** The smallest valid file; cases add or replace lines. */
    static final String MINIMAL = """
            aws:
              region: us-west-2
            channel:
              name: cam1
            capture:
              file: clip.h264
            """;

    static AgentConfig load(String yaml, Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).loadYaml(yaml, "test.yaml");
    }

    static List<String> violations(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(yaml, env)).violations();
    }

    @Test
    void defaultsAreFilledIn() throws ConfigException {
        AgentConfig c = load(MINIMAL, Map.of());
        assertEquals("us-west-2", c.aws().region());
        assertEquals(URI.create("https://kinesisvideo.us-west-2.amazonaws.com"), c.aws().endpoint());
        assertNull(c.aws().caCertificate());
        assertEquals(CredentialsSource.ENVIRONMENT, c.aws().credentials().source());
        assertEquals("cam1", c.channel().name());
        assertNull(c.channel().arn());
        assertFalse(c.channel().create());
        assertEquals("ProducerMaster", c.signaling().clientId());
        assertEquals(Duration.ofMinutes(40), c.signaling().rotateAfter());
        assertEquals(Duration.ofSeconds(10), c.signaling().pingInterval());
        assertEquals(Duration.ofSeconds(30), c.signaling().pongTimeout());
        assertEquals(Duration.ofSeconds(30), c.signaling().iceRefreshGrace());
        assertEquals(10, c.webrtc().maxViewers());
        assertEquals(Duration.ofMillis(1500), c.webrtc().gatherTimeout());
        assertTrue(c.webrtc().portRange().isEphemeral());
        assertEquals(List.of(), c.webrtc().interfaces());
        assertEquals(Path.of("./state"), c.webrtc().stateDirectory());
        assertFalse(c.webrtc().relayOnly());
        assertEquals(List.of(TurnTransport.UDP, TurnTransport.TCP, TurnTransport.TLS), c.webrtc().turnTransports());
        assertEquals(WebRtcEngine.PASSTHROUGH, c.webrtc().engine());
        assertEquals(1200, c.webrtc().mtu());
        assertEquals(List.of(), c.capture().command());
        assertEquals(Path.of("clip.h264"), c.capture().file());
        assertEquals(30, c.capture().frameRate());
        assertEquals(Duration.ofSeconds(5), c.capture().frameTimeout());
        assertEquals(Duration.ofSeconds(30), c.capture().restartBackoffMax());
        assertNull(c.device().statusLed().pin());
        assertFalse(c.device().statusLed().activeLow());
        assertNull(c.device().privacySwitch().pin());
        assertTrue(c.device().privacySwitch().activeLow());
        assertEquals(Duration.ofMillis(50), c.device().privacySwitch().debounce());
        assertTrue(c.device().watchdog());
    }

    @Test
    void everyKeyCanBeSet() throws ConfigException {
        AgentConfig c = load("""
                aws:
                  region: cn-north-1
                  endpoint: http://127.0.0.1:4566
                  caCertificate: /etc/ca.pem
                  credentials:
                    source: static
                    accessKeyId: AKIDEXAMPLE
                    secretAccessKey: wJalrXUtnFEMI
                    sessionToken: tok
                channel: {name: cam-1.a_b, arn: "arn:aws:kinesisvideo:cn-north-1:123456789012:channel/cam-1.a_b/1600000000000", create: true}
                signaling: {clientId: cam, rotateAfter: 30m, pingInterval: 5s, pongTimeout: 12s, iceRefreshGrace: 45s}
                webrtc:
                  maxViewers: 3
                  gatherTimeout: 2s
                  portRange: 50000-50100
                  interfaces: [eth0, wlan0]
                  stateDirectory: /var/lib/kvs
                  relayOnly: true
                  turnTransports: [tls, udp]
                  engine: libwebrtc
                  mtu: 1100
                capture: {command: [rpicam-vid, -o, "-"], frameRate: 25, frameTimeout: 1500ms, restartBackoffMax: 1m}
                device:
                  statusLed: {pin: 17, activeLow: true}
                  privacySwitch: {pin: 27, activeLow: false, debounce: 20ms}
                  watchdog: false
                """, Map.of());
        assertEquals(URI.create("http://127.0.0.1:4566"), c.aws().endpoint());
        assertEquals("wJalrXUtnFEMI", c.aws().credentials().secretAccessKey().value());
        assertEquals("***", c.aws().credentials().secretAccessKey().toString());
        assertEquals(new PortRange(50000, 50100), c.webrtc().portRange());
        assertEquals(List.of(TurnTransport.TLS, TurnTransport.UDP), c.webrtc().turnTransports());
        assertEquals(WebRtcEngine.LIBWEBRTC, c.webrtc().engine());
        assertEquals(List.of("rpicam-vid", "-o", "-"), c.capture().command());
        assertNull(c.capture().file());
        assertEquals(17, c.device().statusLed().pin());
        assertEquals(Duration.ofMillis(20), c.device().privacySwitch().debounce());
        assertEquals(Duration.ofMinutes(1), c.capture().restartBackoffMax());
        assertTrue(c.channel().create());
    }

    @Test
    void chinaRegionsGetTheCnEndpoint() throws ConfigException {
        AgentConfig c = load(MINIMAL.replace("us-west-2", "cn-northwest-1"), Map.of());
        assertEquals(URI.create("https://kinesisvideo.cn-northwest-1.amazonaws.com.cn"), c.aws().endpoint());
        assertEquals(URI.create("https://kinesisvideo.us-gov-west-1.amazonaws.com"),
                load(MINIMAL.replace("us-west-2", "us-gov-west-1"), Map.of()).aws().endpoint());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key with suggestion", MINIMAL.replace("region:", "regoin:"),
                        List.of("aws.regoin: unknown key (did you mean aws.region?)", "aws.region: is required")),
                Arguments.of("key in the wrong section", MINIMAL + "region: us-east-1\n",
                        List.of("region: unknown key (did you mean aws.region?)")),
                Arguments.of("unknown key far from any", MINIMAL + "webrtc:\n  zzzzzzzz: 1\n",
                        List.of("webrtc.zzzzzzzz: unknown key")),
                Arguments.of("bad channel name", MINIMAL.replace("name: cam1", "name: \"my cam!\""),
                        List.of("channel.name: must match [a-zA-Z0-9_.-]{1,256}")),
                Arguments.of("bad duration", MINIMAL + "signaling:\n  pingInterval: 10 seconds\n",
                        List.of("signaling.pingInterval: must be a duration like 1500ms, 30s, 45m or 2h (got \"10 seconds\")")),
                Arguments.of("bad region", MINIMAL.replace("us-west-2", "uswest2"),
                        List.of("aws.region: must be an AWS region like us-west-2 (got \"uswest2\")")),
                Arguments.of("wrong type int", MINIMAL + "webrtc:\n  maxViewers: ten\n",
                        List.of("webrtc.maxViewers: must be an integer (got \"ten\")")),
                Arguments.of("wrong type bool", MINIMAL.replace("name: cam1", "name: cam1\n  create: maybe"),
                        List.of("channel.create: must be true or false (got \"maybe\")")),
                Arguments.of("mapping where a string belongs", MINIMAL.replace("us-west-2", "{a: b}"),
                        List.of("aws.region: must be a string", "aws.region: is required")),
                Arguments.of("section that is not a mapping", MINIMAL + "device: 3\n",
                        List.of("device: must be a mapping of keys")),
                Arguments.of("list expected", MINIMAL + "webrtc:\n  interfaces: eth0\n",
                        List.of("webrtc.interfaces: must be a list of strings, e.g. [a, b]")),
                Arguments.of("both capture sources", MINIMAL.replace("file: clip.h264", "file: clip.h264\n  command: [x]"),
                        List.of("capture.command: exactly one of capture.command and capture.file must be set (both are)")),
                Arguments.of("no capture source", MINIMAL.replace("  file: clip.h264\n", "  frameRate: 30\n"),
                        List.of("capture.command: exactly one of capture.command and capture.file must be set (neither is)")),
                Arguments.of("rotation beyond the session limit", MINIMAL + "signaling:\n  rotateAfter: 45m\n",
                        List.of("signaling.rotateAfter: must be at least 1m and less than 45m (the KVS session limit)")),
                Arguments.of("pong not longer than ping", MINIMAL + "signaling:\n  pingInterval: 30s\n  pongTimeout: 30s\n",
                        List.of("signaling.pongTimeout: must be longer than signaling.pingInterval")),
                Arguments.of("bad port range", MINIMAL + "webrtc:\n  portRange: 50100-50000\n",
                        List.of("webrtc.portRange: must be empty (ephemeral ports) or a range like 50000-50100 within 1024-65535 (got \"50100-50000\")")),
                Arguments.of("bad turn transport", MINIMAL + "webrtc:\n  turnTransports: [udp, quic]\n",
                        List.of("webrtc.turnTransports: each entry must be one of udp, tcp, tls (got \"quic\")")),
                Arguments.of("bad engine", MINIMAL + "webrtc:\n  engine: gstreamer\n",
                        List.of("webrtc.engine: must be one of passthrough, libwebrtc (got \"gstreamer\")")),
                Arguments.of("mtu out of range", MINIMAL + "webrtc:\n  mtu: 9000\n",
                        List.of("webrtc.mtu: must be between 576 and 1500 (got 9000)")),
                Arguments.of("same pin twice", MINIMAL + "device:\n  statusLed: {pin: 4}\n  privacySwitch: {pin: 4}\n",
                        List.of("device.privacySwitch.pin: must differ from device.statusLed.pin")),
                Arguments.of("bad channel arn", MINIMAL.replace("name: cam1", "name: cam1\n  arn: cam1"),
                        List.of("channel.arn: must be a signaling channel ARN like arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam1/1600000000000")),
                Arguments.of("bad endpoint", MINIMAL.replace("region: us-west-2", "region: us-west-2\n  endpoint: ftp://x"),
                        List.of("aws.endpoint: must be an http or https URL like https://kinesisvideo.us-west-2.amazonaws.com (got \"ftp://x\")")),
                Arguments.of("static without keys", MINIMAL.replace("region: us-west-2", "region: us-west-2\n  credentials: {source: static}"),
                        List.of("aws.credentials.accessKeyId: is required when aws.credentials.source is static",
                                "aws.credentials.secretAccessKey: is required when aws.credentials.source is static")),
                Arguments.of("bad credentials source", MINIMAL.replace("region: us-west-2", "region: us-west-2\n  credentials: {source: vault}"),
                        List.of("aws.credentials.source: must be one of static, environment, profile, iot (got \"vault\")")),
                Arguments.of("keys of another source", MINIMAL.replace("region: us-west-2",
                                "region: us-west-2\n  credentials: {source: environment, secretAccessKey: abc}"),
                        List.of("aws.credentials.secretAccessKey: is only used when aws.credentials.source is static")),
                Arguments.of("iot without its keys", MINIMAL.replace("region: us-west-2",
                                "region: us-west-2\n  credentials: {source: iot, iot: {endpoint: \"https://x\"}}"),
                        List.of("aws.credentials.iot.endpoint: must be a host name with an optional :port, like c2example.credentials.iot.us-west-2.amazonaws.com (got \"https://x\")",
                                "aws.credentials.iot.roleAlias: is required when aws.credentials.source is iot",
                                "aws.credentials.iot.thingName: is required when aws.credentials.source is iot",
                                "aws.credentials.iot.certificate: is required when aws.credentials.source is iot",
                                "aws.credentials.iot.privateKey: is required when aws.credentials.source is iot")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesGiveExactViolations(String name, String yaml, List<String> expected) {
        assertEquals(expected, violations(yaml, Map.of()));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<String> v = violations("""
                aws:
                  regoin: us-west-2
                channel:
                  name: "bad name"
                signaling:
                  pingInterval: soon
                webrtc:
                  maxViewers: 0
                capture:
                  file: a
                  command: [b]
                """, Map.of());
        assertEquals(List.of(
                "aws.regoin: unknown key (did you mean aws.region?)",
                "signaling.pingInterval: must be a duration like 1500ms, 30s, 45m or 2h (got \"soon\")",
                "aws.region: is required",
                "channel.name: must match [a-zA-Z0-9_.-]{1,256}",
                "webrtc.maxViewers: must be between 1 and 100 (got 0)",
                "capture.command: exactly one of capture.command and capture.file must be set (both are)"), v);
    }

    @Test
    void environmentOverridesTheFile() throws ConfigException {
        AgentConfig c = load(MINIMAL, Map.of(
                "KVS_AGENT_AWS_REGION", "eu-west-1",
                "KVS_AGENT_AWS_CREDENTIALS_SOURCE", "static",
                "KVS_AGENT_AWS_CREDENTIALS_ACCESS_KEY_ID", "AKIDENV",
                "KVS_AGENT_AWS_CREDENTIALS_SECRET_ACCESS_KEY", "from-env",
                "KVS_AGENT_WEBRTC_INTERFACES", "eth0, wlan0",
                "KVS_AGENT_WEBRTC_MAX_VIEWERS", "4",
                "KVS_AGENT_DEVICE_PRIVACY_SWITCH_DEBOUNCE", "10ms",
                "KVS_AGENT_CHANNEL_CREATE", "TRUE",
                "PATH", "/usr/bin"));
        assertEquals("eu-west-1", c.aws().region());
        assertEquals(URI.create("https://kinesisvideo.eu-west-1.amazonaws.com"), c.aws().endpoint());
        assertEquals("from-env", c.aws().credentials().secretAccessKey().value());
        assertEquals(List.of("eth0", "wlan0"), c.webrtc().interfaces());
        assertEquals(4, c.webrtc().maxViewers());
        assertEquals(Duration.ofMillis(10), c.device().privacySwitch().debounce());
        assertTrue(c.channel().create());
    }

    @Test
    void environmentErrorsNameTheVariable() {
        assertEquals(List.of(
                        "KVS_AGENT_AWS_REGOIN: unknown environment override (did you mean KVS_AGENT_AWS_REGION?)",
                        "webrtc.maxViewers: must be an integer (got \"many\") (from KVS_AGENT_WEBRTC_MAX_VIEWERS)"),
                violations(MINIMAL, Map.of("KVS_AGENT_AWS_REGOIN", "x", "KVS_AGENT_WEBRTC_MAX_VIEWERS", "many",
                        "KVS_AGENT_LOG_LEVEL", "debug")));
    }

    @Test
    void envNamesAreUpperSnakePaths() {
        assertEquals("KVS_AGENT_AWS_REGION", ConfigKey.envName("aws.region"));
        assertEquals("KVS_AGENT_AWS_CREDENTIALS_SECRET_ACCESS_KEY", ConfigKey.envName("aws.credentials.secretAccessKey"));
        assertEquals("KVS_AGENT_AWS_CREDENTIALS_IOT_THING_NAME", ConfigKey.envName("aws.credentials.iot.thingName"));
        assertEquals("KVS_AGENT_DEVICE_STATUS_LED_ACTIVE_LOW", ConfigKey.envName("device.statusLed.activeLow"));
    }

    @Test
    void yamlSyntaxErrorsGiveLineAndColumn() {
        List<String> v = violations("aws:\n  region: us-west-2\n   x: [\n", Map.of());
        assertEquals(1, v.size());
        assertTrue(v.get(0).startsWith("test.yaml: YAML syntax error at line 3, column "), v.get(0));
        assertEquals(List.of("test.yaml: YAML syntax error at line 3, column 3: Duplicate field 'region'"),
                violations("aws:\n  region: a\n  region: b\n", Map.of()).stream()
                        .map(s -> s.replaceAll("column \\d+", "column 3")).toList());
    }

    @Test
    void missingAndEmptyFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(List.of(missing + ": configuration file not found"),
                assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(missing)).violations());
        assertEquals(List.of(dir + ": cannot read configuration file (is a directory)"),
                assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(dir)).violations());
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "");
        assertEquals(List.of("aws.region: is required", "channel.name: is required",
                        "capture.command: exactly one of capture.command and capture.file must be set (neither is)"),
                assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(empty)).violations());
        Path scalar = java.nio.file.Files.writeString(dir.resolve("scalar.yaml"), "hello\n");
        assertEquals(List.of(scalar + ": must be a YAML mapping with the sections aws, channel, signaling, webrtc, capture, device"),
                assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(scalar)).violations());
    }

    @Test
    void durationsParseAndFormat() {
        assertEquals(Duration.ofMillis(1500), Durations.parse("k", "1500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("k", "30s"));
        assertEquals(Duration.ofMinutes(45), Durations.parse("k", "45m"));
        assertEquals(Duration.ofHours(2), Durations.parse("k", "2h"));
        assertEquals("k.x: must be a duration like 1500ms, 30s, 45m or 2h (got \"1.5s\")",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("k.x", "1.5s")).getMessage());
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("45m", Durations.format(Duration.ofMinutes(45)));
        assertEquals("0ms", Durations.format(Duration.ZERO));
    }
}
