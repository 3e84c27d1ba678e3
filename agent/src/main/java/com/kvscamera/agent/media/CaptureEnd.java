package com.kvscamera.agent.media;

import java.util.List;
import java.util.OptionalInt;

/**
 * How a capture run ended.
 *
 * @param reason     why, in words for the log ("exited", "no picture for 5s (capture.frameTimeout)", ...)
 * @param exitCode   the command's real exit status when there was a process (143 after SIGTERM, 137 after SIGKILL)
 * @param stderrTail the last lines the command wrote to stderr
 * @param error      what went wrong on our side (bad stream, failed start), or null
 */
public record CaptureEnd(String reason, OptionalInt exitCode, List<String> stderrTail, Throwable error) {
    public CaptureEnd {
        stderrTail = List.copyOf(stderrTail);
    }

    /** The stream is valid but unusable (B-frames): restarting the same command cannot help. */
    public boolean refused() {
        return error instanceof UnsupportedStreamException;
    }
}
