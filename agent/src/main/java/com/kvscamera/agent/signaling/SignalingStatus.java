package com.kvscamera.agent.signaling;

import java.time.Duration;
import java.time.Instant;

/** A snapshot of the signaling link for status output and tests. */
public record SignalingStatus(
        LinkState state,
        long connects,
        long connectAttempts,
        long rotations,
        long reconnects,
        long failures,
        Instant lastConnectedAt,
        long offersReceived,
        long candidatesReceived,
        long messagesRejected,
        long answersSent,
        long candidatesSent,
        int pendingOut,
        long iceFetches,
        long iceFetchFailures,
        Duration clockOffset) {

    public boolean connected() {
        return state == LinkState.CONNECTED;
    }
}
