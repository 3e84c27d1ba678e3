package com.kvscamera.agent.config;

import java.util.Objects;

/**
 * The agent's whole configuration, immutable once loaded by {@link ConfigLoader}. Every section is present
 * (defaults filled in); optional values are null where documented.
 */
public record AgentConfig(AwsConfig aws, ChannelConfig channel, SignalingConfig signaling, WebRtcConfig webrtc,
                          CaptureConfig capture, DeviceConfig device) {
    public AgentConfig {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(signaling, "signaling");
        Objects.requireNonNull(webrtc, "webrtc");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(device, "device");
    }
}
