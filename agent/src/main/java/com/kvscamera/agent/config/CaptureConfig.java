package com.kvscamera.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Exactly one of {@code command} (non-empty) and {@code file} (non-null) is set.
 *
 * @param command           capture process writing H.264 Annex B to stdout; empty when {@code file} is used
 * @param file              H.264 Annex B file played in a loop at {@code frameRate}, or null
 * @param frameTimeout      restart the capture when no frame arrived for this long
 * @param restartBackoffMax cap of the capture restart backoff
 */
public record CaptureConfig(List<String> command, Path file, int frameRate, Duration frameTimeout,
                            Duration restartBackoffMax) {
    public CaptureConfig {
        command = List.copyOf(command);
    }
}
