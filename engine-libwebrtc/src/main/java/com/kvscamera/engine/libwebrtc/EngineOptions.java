package com.kvscamera.engine.libwebrtc;

import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.agent.session.SessionSettings;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the libwebrtc engine needs from the agent's configuration.
 *
 * @param captureCommand command writing raw I420 (yuv420p) frames of {@code width}x{@code height} to stdout
 * @param iceServers     the current KVS ICE servers (STUN and TURN), read at each offer
 * @param minPort        first port of the ICE range, 0 = ephemeral
 * @param maxBitrateBps  cap of the encoder's bitrate per viewer (libwebrtc's BWE would otherwise go to 2.5 Mbit/s at 720p)
 */
public record EngineOptions(SessionSettings settings, List<String> captureCommand, int width, int height,
                            Supplier<List<IceServer>> iceServers, boolean relayOnly, int minPort, int maxPort,
                            int maxBitrateBps) {
    public static final int DEFAULT_MAX_BITRATE = 2_000_000;
    /** Overrides the frame size found in the capture command, e.g. {@code -Dkvs.libwebrtc.videoSize=1280x720}. */
    public static final String SIZE_PROPERTY = "kvs.libwebrtc.videoSize";
    private static final Pattern SIZE = Pattern.compile("(?<![0-9])([1-9][0-9]{1,4})x([1-9][0-9]{1,4})(?![0-9])");

    public EngineOptions {
        Objects.requireNonNull(settings, "settings");
        captureCommand = List.copyOf(captureCommand);
        Objects.requireNonNull(iceServers, "iceServers");
        if (maxBitrateBps <= 0) throw new IllegalArgumentException("max bitrate must be positive, got " + maxBitrateBps);
    }

    /**
     * The raw frame size: {@value #SIZE_PROPERTY} when set, else the first WxH in the capture command (ffmpeg's
     * {@code -video_size 1280x720} or {@code testsrc=size=1280x720}). Raw I420 carries no header, so the size must
     * be known up front; a wrong size shows as a sheared picture, a missing one is refused here.
     */
    public static int[] frameSize(List<String> command, String override) {
        String text = override != null ? override : String.join(" ", command);
        Matcher m = SIZE.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("'capture.command' must state the raw frame size as WxH (e.g. "
                    + "-video_size 1280x720), or set -D" + SIZE_PROPERTY + "=WxH");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
