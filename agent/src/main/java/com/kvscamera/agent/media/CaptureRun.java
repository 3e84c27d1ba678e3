package com.kvscamera.agent.media;

import java.util.concurrent.CompletableFuture;

/** One run of a {@link CaptureSource}. */
public interface CaptureRun {

    /** Completes (never exceptionally) once the run is over and its process tree is gone. */
    CompletableFuture<CaptureEnd> ended();

    /** Asks the run to end; idempotent. The first reason given is reported in {@link CaptureEnd#reason()}. */
    void stop(String reason);

    /** Called by the supervisor about once a second while the run is alive (e.g. to track child processes). */
    default void housekeeping() {}
}
