package com.kvscamera.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * @param gatherTimeout  longest time an answer to a non-trickle offer waits for candidates
 * @param interfaces     network interface names to gather host candidates on; empty = all
 * @param stateDirectory where the persisted DTLS certificate lives
 * @param relayOnly      offer only relay (TURN) candidates
 * @param mtu            largest RTP packet size in bytes
 * @param maxTurnServers how many of the KVS TURN server entries each session allocates on, chosen at random; 0 = none
 */
public record WebRtcConfig(int maxViewers, Duration gatherTimeout, PortRange portRange, List<String> interfaces,
                           Path stateDirectory, boolean relayOnly, List<TurnTransport> turnTransports,
                           WebRtcEngine engine, int mtu, int maxTurnServers) {
    public WebRtcConfig {
        interfaces = List.copyOf(interfaces);
        turnTransports = List.copyOf(turnTransports);
    }
}
