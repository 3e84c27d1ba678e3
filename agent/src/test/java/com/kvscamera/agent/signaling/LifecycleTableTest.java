package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.Decision.Action.CLOSE_SOCKET;
import static com.kvscamera.agent.signaling.Decision.Action.INVALIDATE_CREDENTIALS;
import static com.kvscamera.agent.signaling.Decision.Action.INVALIDATE_ENDPOINT;
import static com.kvscamera.agent.signaling.Decision.Action.KEEP_OLD_SOCKET;
import static com.kvscamera.agent.signaling.Decision.Action.REFRESH_ICE;
import static com.kvscamera.agent.signaling.Decision.Action.REPORT_ERROR;
import static com.kvscamera.agent.signaling.LinkState.CONNECT;
import static com.kvscamera.agent.signaling.LinkState.CONNECTED;
import static com.kvscamera.agent.signaling.LinkState.CREATE;
import static com.kvscamera.agent.signaling.LinkState.DESCRIBE;
import static com.kvscamera.agent.signaling.LinkState.GET_ENDPOINT;
import static com.kvscamera.agent.signaling.LinkState.GET_ICE_CONFIG;
import static com.kvscamera.agent.signaling.LinkState.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.signaling.Decision.Action;
import com.kvscamera.agent.signaling.Decision.Wait;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The recovery policy, row by row; row names are the edges, e.g. {@code CONNECTED --GO_AWAY--> GET_ENDPOINT}. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LifecycleTableTest {
    private static final Lifecycle.Facts PLAIN = new Lifecycle.Facts(false, 1);
    private static final Lifecycle.Facts CREATE_ALLOWED = new Lifecycle.Facts(true, 1);
    private static final Lifecycle.Facts THIRD_FAILURE = new Lifecycle.Facts(false, Lifecycle.CONNECT_FAILURES_BEFORE_REDISCOVERY);
    private static final Lifecycle.Facts SECOND_AUTH_FAILURE = new Lifecycle.Facts(false, 1, Lifecycle.AUTH_FAILURES_BEFORE_SLOW);

    private static Arguments row(LinkState from, Trigger t, Lifecycle.Facts f, LinkState to, Wait when, Action... actions) {
        String name = from + " --" + t + "--> " + to + (when == Wait.NONE || when == Wait.NOW ? "" : " (" + when + ")")
                + (f.createChannel() ? " [create]" : "") + (f.connectFailures() > 1 ? " [" + f.connectFailures() + " failures]" : "")
                + (f.authFailures() > 1 ? " [" + f.authFailures() + " auth failures]" : "");
        Set<Action> set = actions.length == 0 ? EnumSet.noneOf(Action.class) : EnumSet.of(actions[0], actions);
        return Arguments.of(Named.of(name, from), t, f, to, when, set);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // discovery
                row(DESCRIBE, Trigger.OK, PLAIN, GET_ENDPOINT, Wait.NOW),
                row(DESCRIBE, Trigger.NOT_FOUND, CREATE_ALLOWED, CREATE, Wait.NOW),
                row(DESCRIBE, Trigger.NOT_FOUND, PLAIN, DESCRIBE, Wait.SLOW, REPORT_ERROR),
                row(DESCRIBE, Trigger.UNAUTHORIZED, PLAIN, DESCRIBE, Wait.BACKOFF, INVALIDATE_CREDENTIALS),
                row(DESCRIBE, Trigger.UNAUTHORIZED, SECOND_AUTH_FAILURE, DESCRIBE, Wait.SLOW, INVALIDATE_CREDENTIALS, REPORT_ERROR),
                row(DESCRIBE, Trigger.CLOCK_SKEW, PLAIN, DESCRIBE, Wait.NOW),
                row(DESCRIBE, Trigger.THROTTLED, PLAIN, DESCRIBE, Wait.BACKOFF),
                row(DESCRIBE, Trigger.TRANSIENT, PLAIN, DESCRIBE, Wait.BACKOFF),
                row(DESCRIBE, Trigger.FATAL, PLAIN, DESCRIBE, Wait.SLOW, REPORT_ERROR),
                row(CREATE, Trigger.OK, CREATE_ALLOWED, DESCRIBE, Wait.NOW),
                row(CREATE, Trigger.TRANSIENT, CREATE_ALLOWED, DESCRIBE, Wait.BACKOFF),
                row(CREATE, Trigger.UNAUTHORIZED, CREATE_ALLOWED, CREATE, Wait.BACKOFF, INVALIDATE_CREDENTIALS),
                row(GET_ENDPOINT, Trigger.OK, PLAIN, GET_ICE_CONFIG, Wait.NOW),
                row(GET_ENDPOINT, Trigger.NOT_FOUND, PLAIN, DESCRIBE, Wait.NOW, INVALIDATE_ENDPOINT),
                row(GET_ENDPOINT, Trigger.CLOCK_SKEW, PLAIN, GET_ENDPOINT, Wait.NOW),
                row(GET_ENDPOINT, Trigger.TRANSIENT, PLAIN, GET_ENDPOINT, Wait.BACKOFF),
                row(GET_ICE_CONFIG, Trigger.OK, PLAIN, CONNECT, Wait.NOW),
                row(GET_ICE_CONFIG, Trigger.NOT_FOUND, PLAIN, DESCRIBE, Wait.NOW, INVALIDATE_ENDPOINT),
                row(GET_ICE_CONFIG, Trigger.TRANSIENT, PLAIN, CONNECT, Wait.NOW, REFRESH_ICE),
                row(GET_ICE_CONFIG, Trigger.UNAUTHORIZED, PLAIN, GET_ICE_CONFIG, Wait.BACKOFF, INVALIDATE_CREDENTIALS),
                // connect
                row(CONNECT, Trigger.OK, PLAIN, CONNECTED, Wait.NONE),
                row(CONNECT, Trigger.UNAUTHORIZED, PLAIN, GET_ENDPOINT, Wait.BACKOFF, INVALIDATE_CREDENTIALS, INVALIDATE_ENDPOINT),
                row(CONNECT, Trigger.UNAUTHORIZED, SECOND_AUTH_FAILURE, GET_ENDPOINT, Wait.SLOW, INVALIDATE_CREDENTIALS, INVALIDATE_ENDPOINT, REPORT_ERROR),
                row(CONNECT, Trigger.NOT_FOUND, PLAIN, DESCRIBE, Wait.NOW, INVALIDATE_ENDPOINT),
                row(CONNECT, Trigger.TRANSIENT, PLAIN, CONNECT, Wait.BACKOFF),
                row(CONNECT, Trigger.TRANSIENT, THIRD_FAILURE, GET_ENDPOINT, Wait.BACKOFF, INVALIDATE_ENDPOINT),
                row(CONNECT, Trigger.THROTTLED, PLAIN, CONNECT, Wait.BACKOFF),
                row(CONNECT, Trigger.CLOCK_SKEW, PLAIN, CONNECT, Wait.NOW),
                row(CONNECT, Trigger.FATAL, PLAIN, CONNECT, Wait.SLOW, REPORT_ERROR),
                // connected
                row(CONNECTED, Trigger.GO_AWAY, PLAIN, GET_ENDPOINT, Wait.NOW, INVALIDATE_ENDPOINT, KEEP_OLD_SOCKET),
                row(CONNECTED, Trigger.RECONNECT_ICE_SERVER, PLAIN, CONNECTED, Wait.NONE, REFRESH_ICE),
                row(CONNECTED, Trigger.ROTATE_DUE, PLAIN, CONNECT, Wait.NOW, KEEP_OLD_SOCKET),
                row(CONNECTED, Trigger.CLOSED_1001, PLAIN, CONNECT, Wait.BACKOFF),
                row(CONNECTED, Trigger.DROPPED, PLAIN, CONNECT, Wait.BACKOFF),
                row(CONNECTED, Trigger.PONG_TIMEOUT, PLAIN, CONNECT, Wait.BACKOFF, CLOSE_SOCKET),
                row(CONNECTED, Trigger.TRANSIENT, PLAIN, CONNECTED, Wait.NONE),
                // a background GetIceServerConfig 404 (channel deleted/recreated): rediscover, old socket serves meanwhile
                row(CONNECTED, Trigger.ICE_CONFIG_NOT_FOUND, PLAIN, DESCRIBE, Wait.NOW, INVALIDATE_ENDPOINT, KEEP_OLD_SOCKET),
                row(CONNECT, Trigger.ICE_CONFIG_NOT_FOUND, PLAIN, DESCRIBE, Wait.NOW, INVALIDATE_ENDPOINT),
                row(GET_ENDPOINT, Trigger.ICE_CONFIG_NOT_FOUND, PLAIN, DESCRIBE, Wait.NOW, INVALIDATE_ENDPOINT),
                row(STOPPED, Trigger.ICE_CONFIG_NOT_FOUND, PLAIN, STOPPED, Wait.NONE, CLOSE_SOCKET),
                // socket events while a new connection is being made (rotation / GO_AWAY overlap)
                row(CONNECT, Trigger.RECONNECT_ICE_SERVER, PLAIN, CONNECT, Wait.NONE, REFRESH_ICE),
                row(CONNECT, Trigger.DROPPED, PLAIN, CONNECT, Wait.NONE, CLOSE_SOCKET),
                row(GET_ENDPOINT, Trigger.CLOSED_1001, PLAIN, GET_ENDPOINT, Wait.NONE, CLOSE_SOCKET),
                row(CONNECT, Trigger.PONG_TIMEOUT, PLAIN, CONNECT, Wait.NONE, CLOSE_SOCKET),
                row(CONNECT, Trigger.GO_AWAY, PLAIN, CONNECT, Wait.NONE),
                row(CONNECT, Trigger.ROTATE_DUE, PLAIN, CONNECT, Wait.NONE),
                // stop
                row(CONNECTED, Trigger.STOP, PLAIN, STOPPED, Wait.NONE, CLOSE_SOCKET),
                row(CONNECT, Trigger.STOP, PLAIN, STOPPED, Wait.NONE, CLOSE_SOCKET),
                row(STOPPED, Trigger.GO_AWAY, PLAIN, STOPPED, Wait.NONE, CLOSE_SOCKET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void edge(LinkState from, Trigger trigger, Lifecycle.Facts facts, LinkState to, Wait when, Set<Action> actions) {
        Decision d = Lifecycle.next(from, trigger, facts);
        assertEquals(to, d.next(), "next state");
        assertEquals(when, d.when(), "when");
        assertEquals(actions, d.actions(), "actions");
    }

    /** Never a hot loop: no failure leads to an immediate retry (CLOCK_SKEW is immediate only after a correction). */
    @Test
    void failuresNeverRetryImmediately() {
        Set<Trigger> failures = EnumSet.of(Trigger.UNAUTHORIZED, Trigger.THROTTLED, Trigger.TRANSIENT, Trigger.FATAL,
                Trigger.CLOSED_1001, Trigger.DROPPED, Trigger.PONG_TIMEOUT);
        for (LinkState s : LinkState.values()) {
            for (Trigger t : failures) {
                for (int n = 0; n <= 4; n++) {
                    Decision d = Lifecycle.next(s, t, new Lifecycle.Facts(n % 2 == 0, n, n));
                    boolean immediateSameOrEarlier = d.when() == Wait.NOW && !(s == GET_ICE_CONFIG && d.next() == CONNECT);
                    assertTrue(!immediateSameOrEarlier, Lifecycle.describe(s, t, d) + " retries immediately");
                }
            }
        }
    }

    /** Total: every pair decides, and only STOP (or being stopped) leads to STOPPED. */
    @Test
    void everyPairDecides() {
        for (LinkState s : LinkState.values()) {
            for (Trigger t : Trigger.values()) {
                Decision d = Lifecycle.next(s, t, PLAIN);
                if (s != STOPPED && t != Trigger.STOP) {
                    assertNotEquals(STOPPED, d.next(), Lifecycle.describe(s, t, d));
                }
            }
        }
    }
}
