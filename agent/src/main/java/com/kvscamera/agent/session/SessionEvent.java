package com.kvscamera.agent.session;

/** What the session layer tells the rest of the agent (logs, status line, LED). */
public record SessionEvent(Kind kind, String clientId, String detail) {
    public enum Kind { OFFER_REFUSED, SESSION_STARTED, SESSION_CONNECTED, SESSION_CLOSED }
}
