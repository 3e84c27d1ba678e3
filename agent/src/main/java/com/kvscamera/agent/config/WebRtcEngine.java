package com.kvscamera.agent.config;

import java.util.Locale;

/** Media engine ({@code webrtc.engine}): the pure-Java passthrough sender or the optional libwebrtc adapter. */
public enum WebRtcEngine {
    PASSTHROUGH, LIBWEBRTC;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
