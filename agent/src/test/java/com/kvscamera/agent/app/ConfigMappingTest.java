package com.kvscamera.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.ConfigLoader;
import com.kvscamera.agent.config.TurnTransport;
import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.agent.signaling.SignalingOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConfigMappingTest {
    private static AgentConfig load(String extra) throws Exception {
        return new ConfigLoader(Map.of()).loadYaml("aws:\n  region: eu-west-1\n  credentials:\n    source: static\n"
                + "    accessKeyId: AKID\n    secretAccessKey: s3cret\nchannel:\n  name: door\n"
                + "capture:\n  command: [cat]\n" + extra, "t.yaml");
    }

    @Test
    void turnServersAreFilteredByTheConfiguredTransports() throws Exception {
        IceConfig kvs = new IceConfig(List.of(
                IceServer.stun("stun:stun.kinesisvideo.eu-west-1.amazonaws.com:443"),
                new IceServer(List.of("turn:1.2.3.4:443?transport=udp", "turns:host:443?transport=udp",
                        "turns:host:443?transport=tcp"), "u", "p", Duration.ofSeconds(300))), Instant.EPOCH);
        var tlsOnly = ConfigMapping.iceServers(Optional.of(kvs), List.of(TurnTransport.TLS), 1, new Random(1));
        assertEquals(List.of("stun:stun.kinesisvideo.eu-west-1.amazonaws.com:443"), tlsOnly.get(0).uris());
        assertEquals(List.of("turns:host:443?transport=tcp"), tlsOnly.get(1).uris(),
                "turns over udp (DTLS) is not something the rtc module can use");
        assertEquals("p", tlsOnly.get(1).password());
        var udp = ConfigMapping.iceServers(Optional.of(kvs), List.of(TurnTransport.UDP), 1, new Random(1));
        assertEquals(List.of("turn:1.2.3.4:443?transport=udp"), udp.get(1).uris());
        assertTrue(ConfigMapping.iceServers(Optional.empty(), List.of(TurnTransport.UDP), 1, new Random(1)).isEmpty(),
                "before the first GetIceServerConfig there is nothing, and nothing waits for it");
    }

    /** GetIceServerConfig's shape: two entries, each with its own credentials and three URIs. */
    private static final IceConfig KVS_2X3 = new IceConfig(List.of(
            new IceServer(List.of("turn:18-1-1-1.t-1.kinesisvideo.eu-west-1.amazonaws.com:443?transport=udp",
                    "turns:18-1-1-1.t-1.kinesisvideo.eu-west-1.amazonaws.com:443?transport=udp",
                    "turns:18-1-1-1.t-1.kinesisvideo.eu-west-1.amazonaws.com:443?transport=tcp"),
                    "1700000000:user-a", "pass-a", Duration.ofSeconds(300)),
            new IceServer(List.of("turn:52-2-2-2.t-2.kinesisvideo.eu-west-1.amazonaws.com:443?transport=udp",
                    "turns:52-2-2-2.t-2.kinesisvideo.eu-west-1.amazonaws.com:443?transport=udp",
                    "turns:52-2-2-2.t-2.kinesisvideo.eu-west-1.amazonaws.com:443?transport=tcp"),
                    "1700000000:user-b", "pass-b", Duration.ofSeconds(300))), Instant.EPOCH);

    @Test
    void eachSessionAllocatesOnMaxTurnServersEntriesPickedAtRandomWithTheirAllowedUris() throws Exception {
        List<TurnTransport> all = List.of(TurnTransport.UDP, TurnTransport.TCP, TurnTransport.TLS);
        Map<String, Integer> picks = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            var servers = ConfigMapping.iceServers(Optional.of(KVS_2X3), all, 1, random);
            assertEquals(2, servers.size(), servers.toString());
            assertFalse(servers.get(0).standby(), "one TURN entry per session by default");
            assertTrue(servers.get(1).standby(), "the other one stands by for when an allocation fails");
            assertNotEquals(servers.get(0).password(), servers.get(1).password());
            var s = servers.get(0);
            assertEquals(2, s.uris().size(), "turn/udp and turns/tcp of the entry; turns over udp is unusable: " + s.uris());
            String which = s.username().endsWith("user-a") ? "a" : "b";
            assertEquals("pass-" + which, s.password(), "the entry's own credentials stay with its URIs");
            assertTrue(s.uris().stream().allMatch(u -> u.contains(which.equals("a") ? "t-1" : "t-2")), s.uris().toString());
            picks.merge(which, 1, Integer::sum);
        }
        assertTrue(picks.getOrDefault("a", 0) > 60 && picks.getOrDefault("b", 0) > 60,
                "viewers spread over both relays: " + picks);

        var both = ConfigMapping.iceServers(Optional.of(KVS_2X3), all, 2, random);
        assertEquals(Set.of("pass-a", "pass-b"), Set.of(both.get(0).password(), both.get(1).password()));
        assertTrue(both.stream().noneMatch(x -> x.standby()), "both allocated on: none left to stand by");
        assertEquals(2, ConfigMapping.iceServers(Optional.of(KVS_2X3), all, 5, random).size(), "at most what KVS gave");
        assertTrue(ConfigMapping.iceServers(Optional.of(KVS_2X3), all, 0, random).isEmpty(), "0 = no TURN");
        var udpOnly = ConfigMapping.iceServers(Optional.of(KVS_2X3), List.of(TurnTransport.UDP), 1, random);
        assertEquals(1, udpOnly.get(0).uris().size());
        assertEquals(1, udpOnly.get(1).uris().size(), "the standby entry keeps the allowed transports only");
        assertTrue(udpOnly.get(0).uris().get(0).startsWith("turn:"), udpOnly.toString());
    }

    @Test
    void maxTurnServersDefaultsToOneAndIsChecked() throws Exception {
        assertEquals(1, load("").webrtc().maxTurnServers());
        assertEquals(0, load("webrtc:\n  maxTurnServers: 0\n").webrtc().maxTurnServers());
        for (String bad : List.of("-1", "6")) {
            Exception e = assertThrows(Exception.class, () -> load("webrtc:\n  maxTurnServers: " + bad + "\n"));
            assertTrue(e.getMessage().contains("webrtc.maxTurnServers: must be between 0 and 5"), e.getMessage());
        }
        Exception relay = assertThrows(Exception.class,
                () -> load("webrtc:\n  maxTurnServers: 0\n  relayOnly: true\n"));
        assertTrue(relay.getMessage().contains("webrtc.maxTurnServers"), relay.getMessage());
    }

    @Test
    void webrtcAndSignalingKeysReachTheirParts() throws Exception {
        AgentConfig cfg = load("webrtc:\n  maxViewers: 3\n  gatherTimeout: 900ms\n  mtu: 1000\n  interfaces: [lo]\n"
                + "signaling:\n  rotateAfter: 30m\n");
        assertEquals(3, ConfigMapping.sessions(cfg.webrtc()).maxViewers());
        assertEquals(Duration.ofMillis(900), ConfigMapping.sessions(cfg.webrtc()).gatherTimeout());
        assertEquals(1000 - ConfigMapping.PACKET_OVERHEAD, ConfigMapping.maxRtpPayload(cfg.webrtc()));
        assertTrue(ConfigMapping.ice(cfg.webrtc(), null).allowLoopback(), "naming lo allows loopback candidates");
        SignalingOptions s = ConfigMapping.signaling(cfg);
        assertEquals(Duration.ofMinutes(30), s.rotateAfter());
        assertEquals("door", s.channelName());
        assertEquals("eu-west-1", s.region());
        assertTrue(!ConfigMapping.ice(load("").webrtc(), null).allowLoopback());
    }
}
