package com.kvscamera.agent.signaling;

/**
 * What the session layer implements to receive viewers. Called on the signaling dispatch thread, one call at a
 * time and in arrival order per client (a buffered candidate is delivered after its offer); implementations
 * should hand the work to their own executor and return quickly.
 */
public interface OfferHandler {
    /** An SDP offer from {@code clientId}; answer (and trickle) through {@code out}, from any thread, at any time. */
    void onOffer(String clientId, String sdp, SignalingOut out);

    /**
     * A trickled candidate from {@code clientId}. {@code candidate} is the attribute value without "a="
     * (e.g. {@code candidate:1 1 udp ...}); empty means end of candidates.
     */
    void onRemoteCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex);
}
