package com.kvscamera.agent.config;

import java.util.Locale;

/** TURN transports the agent may use ({@code webrtc.turnTransports}). */
public enum TurnTransport {
    UDP, TCP, TLS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
