package com.kvscamera.agent.e2e;

import com.kvscamera.testkit.WebRtcViewer;
import java.time.Duration;

/**
 * A libwebrtc viewer that negotiates through KVS signaling the way the KVS JS viewer does: offer at once, trickle
 * both ways. Records offer→answer and offer→first-frame times.
 */
final class TrickleViewer implements AutoCloseable {
    final String clientId;
    final WebRtcViewer peer;
    final ViewerSignaling signaling;
    long offerSentNanos;
    long answerMillis = -1;
    long firstFrameMillis = -1;

    TrickleViewer(AgentHarness h, String clientId, WebRtcViewer.Options options) throws Exception {
        this.clientId = clientId;
        this.peer = new WebRtcViewer(options);
        try {
            this.signaling = h.viewerSignaling(clientId);
        } catch (Exception e) {
            peer.close();
            throw e;
        }
    }

    /** Offers, applies the answer, then exchanges candidates; returns once the answer is applied. */
    TrickleViewer connect() throws Exception {
        peer.onLocalCandidate(c -> {
            try {
                signaling.sendCandidate(c.sdp, c.sdpMid, c.sdpMLineIndex);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String offer = peer.createOffer(false, Duration.ZERO);
        offerSentNanos = System.nanoTime();
        signaling.sendOffer(offer);
        String answer = signaling.awaitAnswer(5000);
        answerMillis = (signaling.answerReceivedNanos() - offerSentNanos) / 1_000_000;
        peer.applyAnswer(answer);
        // libwebrtc refuses candidates before the remote description; the listener replays earlier ones
        signaling.onCandidate(c -> peer.addRemoteCandidate(c.path("sdpMid").asText("0"),
                c.path("sdpMLineIndex").asInt(0), c.path("candidate").asText()));
        return this;
    }

    /** Waits for the first decoded frame and records when it came. */
    boolean awaitFirstFrame(Duration timeout) throws InterruptedException {
        boolean ok = peer.awaitFrames(1, timeout);
        if (ok) firstFrameMillis = (System.nanoTime() - offerSentNanos) / 1_000_000;
        return ok;
    }

    @Override
    public void close() {
        try {
            signaling.close();
        } finally {
            peer.close();
        }
    }
}
