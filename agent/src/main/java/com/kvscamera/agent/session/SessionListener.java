package com.kvscamera.agent.session;

/** How a session reports its life to its owner. Implementations return at once. */
public interface SessionListener {
    /** ICE and DTLS are up and media flows. */
    void onConnected(ViewerSession session);

    /** Called exactly once, after everything the session held is freed. */
    void onClosed(ViewerSession session, String reason);
}
