package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.Decision.Action.CLOSE_SOCKET;
import static com.kvscamera.agent.signaling.Decision.Action.INVALIDATE_CREDENTIALS;
import static com.kvscamera.agent.signaling.Decision.Action.INVALIDATE_ENDPOINT;
import static com.kvscamera.agent.signaling.Decision.Action.KEEP_OLD_SOCKET;
import static com.kvscamera.agent.signaling.Decision.Action.REFRESH_ICE;
import static com.kvscamera.agent.signaling.Decision.Action.REPORT_ERROR;
import static com.kvscamera.agent.signaling.Decision.Wait.BACKOFF;
import static com.kvscamera.agent.signaling.Decision.Wait.NONE;
import static com.kvscamera.agent.signaling.Decision.Wait.NOW;
import static com.kvscamera.agent.signaling.Decision.Wait.SLOW;

import com.kvscamera.agent.signaling.Decision.Wait;

/**
 * The whole recovery policy of the signaling master, as one pure function (no I/O, no clock), tested as a
 * table. It follows the KVS C SDK's StateMachine.c transitions (kvs-signaling.md §6.1) and improves on them where
 * its users got hurt: GO_AWAY and rotation are make-before-break, RECONNECT_ICE_SERVER never touches the socket
 * (C#427), and a failed ICE fetch does not keep the master offline (the holder retries in the background).
 */
public final class Lifecycle {
    /** Consecutive failed connects on one endpoint before it is rediscovered (C: 500/400 on CONNECT → GET_ENDPOINT). */
    public static final int CONNECT_FAILURES_BEFORE_REDISCOVERY = 3;

    private Lifecycle() {}

    /**
     * Facts the decision depends on besides state and trigger.
     *
     * @param createChannel   the channel may be created when describe says 404
     * @param connectFailures consecutive failed connect attempts including the one being decided
     * @param authFailures    consecutive 401/403 answers including the one being decided
     */
    public record Facts(boolean createChannel, int connectFailures, int authFailures) {
        public Facts(boolean createChannel, int connectFailures) {
            this(createChannel, connectFailures, 1);
        }
    }

    /** 401/403 in a row before they count as "wrong credentials" rather than "expired, refetch and retry". */
    public static final int AUTH_FAILURES_BEFORE_SLOW = 2;

    public static Decision next(LinkState state, Trigger trigger, Facts facts) {
        if (state == LinkState.STOPPED || trigger == Trigger.STOP) {
            return Decision.of(LinkState.STOPPED, NONE, CLOSE_SOCKET);
        }
        if (state == LinkState.CONNECTED) {
            return fromConnected(trigger);
        }
        if (!trigger.isStepOutcome()) {
            return whileReconnecting(state, trigger);
        }
        return switch (state) {
            case DESCRIBE -> switch (trigger) {
                case OK -> Decision.of(LinkState.GET_ENDPOINT, NOW);
                case NOT_FOUND -> facts.createChannel()
                        ? Decision.of(LinkState.CREATE, NOW)
                        : Decision.of(LinkState.DESCRIBE, SLOW, REPORT_ERROR);
                default -> retry(state, trigger, facts);
            };
            case CREATE -> switch (trigger) {
                case OK -> Decision.of(LinkState.DESCRIBE, NOW);
                // a concurrent creator or a channel still CREATING: describe again after a while
                case NOT_FOUND, TRANSIENT, THROTTLED -> Decision.of(LinkState.DESCRIBE, BACKOFF);
                default -> retry(state, trigger, facts);
            };
            case GET_ENDPOINT -> switch (trigger) {
                case OK -> Decision.of(LinkState.GET_ICE_CONFIG, NOW);
                case NOT_FOUND -> Decision.of(LinkState.DESCRIBE, NOW, INVALIDATE_ENDPOINT);
                default -> retry(state, trigger, facts);
            };
            case GET_ICE_CONFIG -> switch (trigger) {
                case OK -> Decision.of(LinkState.CONNECT, NOW);
                case NOT_FOUND -> Decision.of(LinkState.DESCRIBE, NOW, INVALIDATE_ENDPOINT);
                // connect anyway: offers can be answered with host/srflx candidates while the holder retries
                case TRANSIENT, THROTTLED, FATAL -> Decision.of(LinkState.CONNECT, NOW, REFRESH_ICE);
                default -> retry(state, trigger, facts);
            };
            case CONNECT -> switch (trigger) {
                case OK -> Decision.of(LinkState.CONNECTED, NONE);
                case NOT_FOUND -> Decision.of(LinkState.DESCRIBE, NOW, INVALIDATE_ENDPOINT);
                // the upgrade's 403 has no readable body: go through an HTTPS call, which can reveal clock skew
                case UNAUTHORIZED -> facts.authFailures() >= AUTH_FAILURES_BEFORE_SLOW
                        ? Decision.of(LinkState.GET_ENDPOINT, SLOW, INVALIDATE_CREDENTIALS, INVALIDATE_ENDPOINT, REPORT_ERROR)
                        : Decision.of(LinkState.GET_ENDPOINT, BACKOFF, INVALIDATE_CREDENTIALS, INVALIDATE_ENDPOINT);
                case TRANSIENT -> facts.connectFailures() >= CONNECT_FAILURES_BEFORE_REDISCOVERY
                        ? Decision.of(LinkState.GET_ENDPOINT, BACKOFF, INVALIDATE_ENDPOINT)
                        : Decision.of(LinkState.CONNECT, BACKOFF);
                default -> retry(state, trigger, facts);
            };
            default -> throw new IllegalStateException("unhandled state " + state);
        };
    }

    /** Failure handling common to every step: retry the same step. */
    private static Decision retry(LinkState state, Trigger trigger, Facts facts) {
        return switch (trigger) {
            // once: expired credentials, refetch and retry soon (C#272); again: wrong credentials, say so, go slow
            case UNAUTHORIZED -> facts.authFailures() >= AUTH_FAILURES_BEFORE_SLOW
                    ? Decision.of(state, SLOW, INVALIDATE_CREDENTIALS, REPORT_ERROR)
                    : Decision.of(state, BACKOFF, INVALIDATE_CREDENTIALS);
            // the clock offset was corrected from the server's Date header while classifying
            case CLOCK_SKEW -> Decision.of(state, NOW);
            case THROTTLED, TRANSIENT -> Decision.of(state, BACKOFF);
            case FATAL -> Decision.of(state, SLOW, REPORT_ERROR);
            default -> throw new IllegalStateException(state + " cannot retry on " + trigger);
        };
    }

    private static Decision fromConnected(Trigger trigger) {
        return switch (trigger) {
            // GO_AWAY gives a minute of grace: rediscover and connect anew while the old socket still serves
            case GO_AWAY -> Decision.of(LinkState.GET_ENDPOINT, NOW, INVALIDATE_ENDPOINT, KEEP_OLD_SOCKET);
            case RECONNECT_ICE_SERVER -> Decision.of(LinkState.CONNECTED, NONE, REFRESH_ICE);
            // newer C SDK: GET_ICE_CONFIG 404 -> invalidate the cache -> DESCRIBE; the old socket serves meanwhile
            case ICE_CONFIG_NOT_FOUND -> Decision.of(LinkState.DESCRIBE, NOW, INVALIDATE_ENDPOINT, KEEP_OLD_SOCKET);
            case ROTATE_DUE -> Decision.of(LinkState.CONNECT, NOW, KEEP_OLD_SOCKET);
            case CLOSED_1001, DROPPED -> Decision.of(LinkState.CONNECT, BACKOFF);
            case PONG_TIMEOUT -> Decision.of(LinkState.CONNECT, BACKOFF, CLOSE_SOCKET);
            // a late result of a step that is no longer running
            default -> Decision.of(LinkState.CONNECTED, NONE);
        };
    }

    /** Socket events while a new connection is being prepared: the step in progress carries on. */
    private static Decision whileReconnecting(LinkState state, Trigger trigger) {
        return switch (trigger) {
            case RECONNECT_ICE_SERVER -> Decision.of(state, NONE, REFRESH_ICE);
            // whatever step is running (or waiting out a backoff) works from a channel that is gone
            case ICE_CONFIG_NOT_FOUND -> Decision.of(LinkState.DESCRIBE, NOW, INVALIDATE_ENDPOINT);
            case CLOSED_1001, DROPPED, PONG_TIMEOUT -> Decision.of(state, NONE, CLOSE_SOCKET);
            default -> Decision.of(state, NONE);
        };
    }

    /** The row name used in logs and the table test: {@code CONNECTED --GO_AWAY--> GET_ENDPOINT}. */
    public static String describe(LinkState from, Trigger trigger, Decision d) {
        return from + " --" + trigger + "--> " + d.next() + (d.when() == Wait.NONE || d.when() == Wait.NOW ? "" : " (" + d.when() + ")");
    }
}
