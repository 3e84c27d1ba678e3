package com.kvscamera.agent.session;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the session layer, taken from {@code webrtc.*} in the agent configuration.
 *
 * @param maxViewers       offers beyond this many open sessions are refused ({@code webrtc.maxViewers})
 * @param gatherTimeout    a complete (non-trickle) answer is sent when gathering finishes or after this long,
 *                         whichever is first ({@code webrtc.gatherTimeout}); Alexa needs an answer within ~6 s
 * @param connectTimeout   a session that has not finished ICE+DTLS within this long after its answer is closed
 * @param keyframeWait     how long a new session waits for the fan-out's first keyframe to learn the stream's
 *                         H.264 profile before answering with {@link #assumedProfileLevelId}
 * @param assumedProfileLevelId profile-level-id assumed when no SPS has been seen yet (constrained baseline 3.1)
 */
public record SessionSettings(int maxViewers, Duration gatherTimeout, Duration connectTimeout,
                              Duration keyframeWait, String assumedProfileLevelId) {

    public static final int DEFAULT_MAX_VIEWERS = 10;
    public static final Duration DEFAULT_GATHER_TIMEOUT = Duration.ofMillis(1500);
    /** ICE with a relay plus a DTLS handshake finishes in well under this on any working network. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Short: an offer must not wait for a capture pipeline that is still starting. */
    public static final Duration DEFAULT_KEYFRAME_WAIT = Duration.ofMillis(300);
    public static final String DEFAULT_PROFILE_LEVEL_ID = "42e01f";

    public SessionSettings {
        if (maxViewers < 1) throw new IllegalArgumentException("'webrtc.maxViewers' must be at least 1, got " + maxViewers);
        Objects.requireNonNull(gatherTimeout, "gatherTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keyframeWait, "keyframeWait");
        if (gatherTimeout.isNegative() || gatherTimeout.isZero()) {
            throw new IllegalArgumentException("'webrtc.gatherTimeout' must be positive, got " + gatherTimeout);
        }
        if (assumedProfileLevelId == null || !assumedProfileLevelId.matches("[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("assumed profile-level-id must be 6 hex digits, got " + assumedProfileLevelId);
        }
    }

    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_MAX_VIEWERS, DEFAULT_GATHER_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_KEYFRAME_WAIT, DEFAULT_PROFILE_LEVEL_ID);
    }

    public SessionSettings withMaxViewers(int n) {
        return new SessionSettings(n, gatherTimeout, connectTimeout, keyframeWait, assumedProfileLevelId);
    }

    public SessionSettings withGatherTimeout(Duration d) {
        return new SessionSettings(maxViewers, d, connectTimeout, keyframeWait, assumedProfileLevelId);
    }

    public SessionSettings withConnectTimeout(Duration d) {
        return new SessionSettings(maxViewers, gatherTimeout, d, keyframeWait, assumedProfileLevelId);
    }
}
