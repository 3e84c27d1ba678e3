package com.kvscamera.agent.session;

/**
 * Where a session's answer and trickled candidates go: the signaling connection that is current when they are
 * sent (answers are addressed by client id, not by socket, so a rotation in between does not lose them).
 * Implementations queue and return at once; they never block the session.
 */
public interface AnswerSink {
    void sendAnswer(String clientId, String sdp);

    /** {@code candidate} is the SDP attribute value without {@code a=}, e.g. {@code candidate:1 1 udp ...}. */
    void sendCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex);
}
