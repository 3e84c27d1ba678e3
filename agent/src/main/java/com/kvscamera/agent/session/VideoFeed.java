package com.kvscamera.agent.session;

import com.kvscamera.agent.media.AccessUnit;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The camera's stream as sessions use it: adapted from the media fan-out. */
public interface VideoFeed {
    /** Completes with the profile-level-id of the stream's SPS as soon as a keyframe has been seen. */
    CompletableFuture<String> profileLevelId();

    /**
     * Subscribes a viewer; it starts from the latest keyframe (GOP cache). {@code sink} is called on a thread
     * of the feed, one frame at a time, and must not block for long.
     */
    Subscription subscribe(String viewerId, Consumer<AccessUnit> sink);

    interface Subscription extends AutoCloseable {
        /** Replays from the latest keyframe (answering PLI/FIR when the encoder cannot be asked for one). */
        void requestKeyframe();

        @Override
        void close();
    }
}
