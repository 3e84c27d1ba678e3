package com.kvscamera.agent.session;

/**
 * One viewer's session as the {@link SessionManager} sees it. All methods return at once; the work runs on the
 * session's own serial executor so that the signaling control thread never waits for SDP, ICE or DTLS.
 */
public interface ViewerSession {
    String clientId();

    /** Parses the offer, answers it and starts ICE. Called once. */
    void start();

    /** A trickled remote candidate ({@code candidate:...}); an empty string means end-of-candidates. */
    void addRemoteCandidate(String candidate);

    /** Ends the session and frees everything it holds; idempotent. */
    void close(String reason);

    SessionStats stats();
}
