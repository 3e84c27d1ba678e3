package com.kvscamera.emulator.signaling;

/** Faults the admin API can inject on a channel's current master. */
public enum FaultEvent {
    /** Sends GO_AWAY, then closes 1001 after the grace period (1 minute by default). */
    GO_AWAY,
    /** Sends RECONNECT_ICE_SERVER. */
    RECONNECT_ICE_SERVER,
    /** Closes with 1001 "Going away". */
    CLOSE_1001,
    /** Resets the TCP connection without a close frame. */
    DROP,
    /** Sends an API Gateway style frame without messageType ({"message":"Internal server error",...}). */
    STRAY_FRAME
}
