package com.kvscamera.agent.signaling;

/**
 * Outgoing signaling addressed by client id. Always written to the connection that is current when the message
 * leaves the queue, so an answer survives a rotation or reconnect that happens while it is being produced.
 * Non-blocking, thread-safe; messages are paced (answers ≤ 5/s, candidates ≤ 20/s per connection), not dropped.
 */
public interface SignalingOut {
    void sendAnswer(String clientId, String sdp);

    /** {@code candidate} is the SDP attribute value without "a=", e.g. {@code candidate:1 1 udp ...}. */
    void sendCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex);
}
