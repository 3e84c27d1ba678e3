package com.kvscamera.agent.signaling;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the master does next: enter {@code next} after {@code when}, after carrying out {@code actions}.
 *
 * @param next    the state to run next
 * @param when    when to run it; {@link Wait#NONE} = start nothing new (what is running continues)
 * @param actions side effects to perform first
 */
public record Decision(LinkState next, Wait when, Set<Action> actions) {
    public Decision {
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
    }

    public enum Wait {
        /** Start the next step at once. */
        NOW,
        /** Full-jitter exponential backoff. */
        BACKOFF,
        /** A long jittered wait (cap/2..cap): the failure will not go away soon. */
        SLOW,
        /** Nothing new to start. */
        NONE
    }

    public enum Action {
        /** 401/403: drop cached credentials so the next signature uses fresh ones. */
        INVALIDATE_CREDENTIALS,
        /** 404 / GO_AWAY / repeated connect failure: forget the cached endpoints (and a described ARN). */
        INVALIDATE_ENDPOINT,
        /** Fetch ICE servers now, in the background. */
        REFRESH_ICE,
        /** Make before break: keep the live socket serving until the new one is open. */
        KEEP_OLD_SOCKET,
        /** Close the live socket now (it is dead or about to be replaced without overlap). */
        CLOSE_SOCKET,
        /** Tell the operator: this will not fix itself quickly. */
        REPORT_ERROR
    }

    static Decision of(LinkState next, Wait wait, Action... actions) {
        return new Decision(next, wait, actions.length == 0 ? Set.of() : EnumSet.of(actions[0], actions));
    }
}
