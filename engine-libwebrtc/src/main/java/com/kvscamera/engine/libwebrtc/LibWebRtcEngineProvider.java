package com.kvscamera.engine.libwebrtc;

import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.agent.session.MediaEngine;
import java.util.List;

/**
 * {@code webrtc.engine: libwebrtc}: found by the agent's {@code MediaEngines} through
 * META-INF/services/com.kvscamera.agent.session.MediaEngine$Provider in kvs-engine-libwebrtc.jar.
 * {@code capture.command} must write raw I420 frames whose size it states (see {@link EngineOptions#frameSize}).
 */
public final class LibWebRtcEngineProvider implements MediaEngine.Provider {
    @Override
    public String name() {
        return "libwebrtc";
    }

    @Override
    public MediaEngine start(MediaEngine.Context c) {
        int[] size = EngineOptions.frameSize(c.captureCommand(), System.getProperty(EngineOptions.SIZE_PROPERTY));
        return LibWebRtcEngine.start(new EngineOptions(c.settings(), c.captureCommand(), size[0], size[1],
                () -> toKvs(c.iceServers().get()), c.relayOnly(), c.minPort(), c.maxPort(),
                EngineOptions.DEFAULT_MAX_BITRATE));
    }

    private static List<IceServer> toKvs(List<com.kvscamera.rtc.ice.IceServer> servers) {
        // libwebrtc allocates on every entry it is given: standby entries are the passthrough engine's fail-over
        return servers.stream().filter(s -> !s.standby())
                .map(s -> new IceServer(s.uris(), s.username(), s.password(), null)).toList();
    }
}
