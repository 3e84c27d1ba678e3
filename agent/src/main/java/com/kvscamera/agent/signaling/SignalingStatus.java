package com.kvscamera.agent.signaling;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the signaling link for status output and tests. {@code pongs} counts pongs on the serving socket;
 * {@code awaitingPong} is true while a ping on it is unanswered.
 */
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
        Duration clockOffset,
        long pongs,
        boolean awaitingPong) {

    public boolean connected() {
        return state == LinkState.CONNECTED;
    }
}
