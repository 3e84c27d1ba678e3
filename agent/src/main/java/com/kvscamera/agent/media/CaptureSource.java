package com.kvscamera.agent.media;

import java.io.IOException;

/**
 * Something that produces pictures until it fails or is stopped. A source never restarts itself: the
 * {@link CaptureSupervisor} owns restarts.
 */
public interface CaptureSource {

    /** Starts one run delivering into {@code sink}; returns at once. */
    CaptureRun start(FrameSink sink) throws IOException;

    /** For log lines, e.g. the command line. */
    String describe();
}
