package com.kvscamera.agent.signaling;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the signaling link, written by the control thread, readable from anywhere. */
final class SignalingStats {
    volatile LinkState state = LinkState.DESCRIBE;
    volatile Instant lastConnectedAt;
    volatile boolean awaitingPong;
    final AtomicLong pongs = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectAttempts = new AtomicLong();
    final AtomicLong rotations = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
}
