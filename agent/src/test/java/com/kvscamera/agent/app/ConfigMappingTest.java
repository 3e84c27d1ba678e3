package com.kvscamera.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        var tlsOnly = ConfigMapping.iceServers(Optional.of(kvs), List.of(TurnTransport.TLS));
        assertEquals(List.of("stun:stun.kinesisvideo.eu-west-1.amazonaws.com:443"), tlsOnly.get(0).uris());
        assertEquals(List.of("turns:host:443?transport=tcp"), tlsOnly.get(1).uris(),
                "turns over udp (DTLS) is not something the rtc module can use");
        assertEquals("p", tlsOnly.get(1).password());
        var udp = ConfigMapping.iceServers(Optional.of(kvs), List.of(TurnTransport.UDP));
        assertEquals(List.of("turn:1.2.3.4:443?transport=udp"), udp.get(1).uris());
        assertTrue(ConfigMapping.iceServers(Optional.empty(), List.of(TurnTransport.UDP)).isEmpty(),
                "before the first GetIceServerConfig there is nothing, and nothing waits for it");
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
