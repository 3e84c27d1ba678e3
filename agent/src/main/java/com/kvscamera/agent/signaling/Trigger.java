package com.kvscamera.agent.signaling;

import com.kvscamera.agent.kvs.Outcome;

/**
 * Input of the lifecycle function: the outcome of the step the master is in (the first seven, mirroring
 * {@link Outcome}) or an event on the live WebSocket / a timer.
 */
public enum Trigger {
    OK,
    UNAUTHORIZED,
    NOT_FOUND,
    CLOCK_SKEW,
    THROTTLED,
    TRANSIENT,
    FATAL,
    /** The service asks the master to reconnect (≤ 60 s grace). */
    GO_AWAY,
    /** The service asks for fresh ICE servers (relay going away). */
    RECONNECT_ICE_SERVER,
    /**
     * A background GetIceServerConfig answered 404 on the current endpoints: the channel was deleted (and maybe
     * recreated under a new ARN) or the endpoint is stale.
     */
    ICE_CONFIG_NOT_FOUND,
    /** Server close 1001 "Going away" (or any other orderly server close). */
    CLOSED_1001,
    /** Abrupt drop: no close frame, socket error. */
    DROPPED,
    /** No pong within the pong timeout. */
    PONG_TIMEOUT,
    /** Time for the make-before-break rotation. */
    ROTATE_DUE,
    STOP;

    public static Trigger of(Outcome outcome) {
        return Trigger.valueOf(outcome.name());
    }

    boolean isStepOutcome() {
        return ordinal() <= FATAL.ordinal();
    }
}
