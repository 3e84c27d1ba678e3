package com.kvscamera.agent.config;

import java.time.Duration;

/**
 * @param clientId        ClientId sent in GetIceServerConfig
 * @param rotateAfter     open a fresh WSS connection after this long (KVS closes sessions at 45 min)
 * @param pingInterval    WebSocket ping period
 * @param pongTimeout     reconnect when no pong arrived for this long
 * @param iceRefreshGrace refresh ICE server config this long before the shortest TTL ends
 */
public record SignalingConfig(String clientId, Duration rotateAfter, Duration pingInterval, Duration pongTimeout,
                              Duration iceRefreshGrace) {
}
