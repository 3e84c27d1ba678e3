package com.kvscamera.agent.signaling;

import java.net.URI;
import java.time.Instant;

/** What the rest of the agent (logs, status LED, systemd status) learns about the signaling link. */
public sealed interface SignalingEvent {
    /** A WebSocket is open and serving; {@code cause} is "boot", "rotation", or the reason of the reconnect. */
    record Connected(URI endpoint, Instant at, String cause) implements SignalingEvent {}

    /** The link is being re-established; offers may be delayed (never lost while a socket overlaps). */
    record Reconnecting(String reason) implements SignalingEvent {}

    /** No socket is serving right now. */
    record Disconnected(String reason) implements SignalingEvent {}

    /** A failure that will not go away by itself soon (wrong secret, missing channel); retries continue slowly. */
    record Problem(String message) implements SignalingEvent {}

    record Stopped() implements SignalingEvent {}
}
