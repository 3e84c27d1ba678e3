package com.kvscamera.agent.session;

import com.kvscamera.agent.media.AccessUnit;
import java.util.Optional;
import java.util.function.Consumer;

/** The camera's stream as sessions use it; {@link FanoutFeed} adapts the media fan-out. */
public interface VideoFeed {
    /** profile-level-id of the stream's SPS, known from the first keyframe on. Never blocks. */
    Optional<String> profileLevelId();

    /**
     * Subscribes a viewer; it starts from the latest keyframe (GOP cache). {@code sink} is called on a thread
     * of the feed, one picture at a time, with timestamps already rewritten for this viewer.
     */
    Subscription subscribe(String viewerId, Consumer<AccessUnit> sink);

    interface Subscription extends AutoCloseable {
        /** Replays from the latest keyframe (answering PLI/FIR when the encoder cannot be asked for one). */
        void requestKeyframe();

        /** Stops delivery and frees the viewer's queue and thread. */
        @Override
        void close();
    }
}
