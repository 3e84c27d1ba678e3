package com.kvscamera.agent.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the capture pipeline needs from {@code capture.*}; the config layer validates and builds it.
 * Exactly one of {@code command} (non-empty) and {@code file} is set.
 *
 * @param command           argument list whose stdout is H.264 Annex B, started once and supervised
 * @param file              Annex B file looped at {@code frameRate} instead of a command
 * @param frameRate         pictures per second for the file source (a command paces itself)
 * @param frameTimeout      no picture for this long: the command is killed and restarted
 * @param restartBackoffMax cap of the exponential restart delay
 */
public record CaptureOptions(List<String> command, Path file, int frameRate, Duration frameTimeout,
                             Duration restartBackoffMax) {
    /** A camera needs a moment to start; five seconds also covers ffmpeg probing a USB device. */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(5);
    /** Restarts slow down to one every 30 s at worst, so a missing camera does not flood the log. */
    public static final Duration DEFAULT_RESTART_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final int DEFAULT_FRAME_RATE = 30;

    public CaptureOptions {
        command = command == null ? List.of() : List.copyOf(command);
        if (command.isEmpty() == (file == null)) {
            throw new IllegalArgumentException("exactly one of 'capture.command' and 'capture.file' must be set");
        }
        if (frameRate < 1 || frameRate > 240) {
            throw new IllegalArgumentException("'capture.frameRate' must be between 1 and 240, got " + frameRate);
        }
        if (frameTimeout == null || frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new IllegalArgumentException("'capture.frameTimeout' must be greater than zero");
        }
        if (restartBackoffMax == null || restartBackoffMax.isNegative() || restartBackoffMax.isZero()) {
            throw new IllegalArgumentException("'capture.restartBackoffMax' must be greater than zero");
        }
    }

    public static CaptureOptions ofCommand(List<String> command) {
        return new CaptureOptions(command, null, DEFAULT_FRAME_RATE, DEFAULT_FRAME_TIMEOUT,
                DEFAULT_RESTART_BACKOFF_MAX);
    }

    public static CaptureOptions ofFile(Path file, int frameRate) {
        return new CaptureOptions(null, file, frameRate, DEFAULT_FRAME_TIMEOUT, DEFAULT_RESTART_BACKOFF_MAX);
    }
}
