package com.kvscamera.agent.media;

/** Where a capture source delivers pictures. Called from one producer thread at a time; must never block. */
public interface FrameSink {
    void publish(AccessUnit au);

    /** The source restarted: what follows does not continue the pictures before (wait for the next IDR). */
    default void discontinuity() {}
}
