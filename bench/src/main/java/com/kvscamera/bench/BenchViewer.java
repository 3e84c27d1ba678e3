package com.kvscamera.bench;

import com.kvscamera.testkit.WebRtcViewer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One libwebrtc viewer PeerConnection negotiated through KVS signaling the way the KVS JS viewer does (offer at
 * once, trickle both ways), timing offer → answer and answer applied → first decoded frame.
 */
final class BenchViewer implements AutoCloseable {
    final WebRtcViewer peer = new WebRtcViewer(WebRtcViewer.Options.videoOnly());
    private final ViewerSignaling signaling;
    double answerMs = Double.NaN;
    private long answerAppliedNanos;

    BenchViewer(ViewerSignaling signaling) {
        this.signaling = signaling;
    }

    /** Offers, waits for the answer, applies it and starts the candidate exchange. */
    BenchViewer connect() throws Exception {
        peer.onLocalCandidate(c -> signaling.sendCandidate(c.sdp, c.sdpMid, c.sdpMLineIndex));
        String offer = peer.createOffer(false, Duration.ZERO);
        long sent = signaling.sendOffer(offer);
        String answer = signaling.awaitAnswer(10_000);
        answerMs = (signaling.answerReceivedNanos() - sent) / 1e6;
        peer.applyAnswer(answer);
        answerAppliedNanos = System.nanoTime();
        // libwebrtc refuses candidates before the remote description; the listener replays earlier ones
        signaling.onCandidate(c -> peer.addRemoteCandidate(c.path("sdpMid").asText("0"),
                c.path("sdpMLineIndex").asInt(0), c.path("candidate").asText()));
        return this;
    }

    /** Milliseconds from answer applied to the first decoded frame, or NaN on timeout. Polled every 1 ms. */
    double awaitFirstFrameMs(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (peer.framesDecoded() == 0) {
            if (System.nanoTime() > deadline) return Double.NaN;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return (System.nanoTime() - answerAppliedNanos) / 1e6;
    }

    @Override
    public void close() {
        peer.close();
    }
}
