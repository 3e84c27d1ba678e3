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
    private final boolean ownsSignaling;
    long offerSentNanos;
    long answerMillis = -1;
    long firstFrameMillis = -1;

    TrickleViewer(AgentHarness h, String clientId, WebRtcViewer.Options options) throws Exception {
        this(h.viewerSignaling(clientId), true, clientId, options);
    }

    TrickleViewer(java.net.URI presigned, javax.net.ssl.SSLContext tls, String clientId, WebRtcViewer.Options options)
            throws Exception {
        this(new ViewerSignaling(presigned, tls), true, clientId, options);
    }

    /** A new PeerConnection of a viewer whose signaling connection stays open across reconnects. */
    TrickleViewer(ViewerSignaling signaling, boolean ownsSignaling, String clientId, WebRtcViewer.Options options) {
        this.clientId = clientId;
        this.signaling = signaling;
        this.ownsSignaling = ownsSignaling;
        this.peer = new WebRtcViewer(options);
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
            peer.close();
        } finally {
            if (ownsSignaling) signaling.close();
        }
    }
}
