package com.kvscamera.agent.session;

import com.kvscamera.rtc.ice.IceServer;
import java.util.List;
import java.util.function.Supplier;

/**
 * A media engine other than the built-in passthrough ({@code webrtc.engine}), shipped in its own jar and found by
 * {@link MediaEngines} with ServiceLoader, so that the agent jar never carries it (the libwebrtc engine brings
 * 9 MB of webrtc-java natives). It makes the sessions that the agent's {@link SessionManager} runs, so offers
 * reach it through the same signaling and session code as passthrough sessions. It runs its own capture.
 */
public interface MediaEngine extends ViewerSessionFactory, AutoCloseable {

    /** Frames read from the engine's capture so far; the watchdog checks that it grows. */
    long framesCaptured();

    /** Stops the engine's capture and frees its native resources. */
    @Override
    void close();

    /** Listed in {@code META-INF/services/com.kvscamera.agent.session.MediaEngine$Provider} of the engine's jar. */
    interface Provider {
        /** The {@code webrtc.engine} value it serves, e.g. {@code libwebrtc}. */
        String name();

        MediaEngine start(Context context) throws Exception;
    }

    /**
     * @param captureCommand {@code capture.command}; what it must write (e.g. raw I420) is the engine's rule
     * @param iceServers     the current KVS ICE servers, filtered by {@code webrtc.turnTransports}
     * @param minPort        first port of {@code webrtc.portRange}, 0 when ephemeral
     */
    record Context(SessionSettings settings, List<String> captureCommand, Supplier<List<IceServer>> iceServers,
                   boolean relayOnly, int minPort, int maxPort) {
        public Context {
            captureCommand = List.copyOf(captureCommand);
        }
    }
}
