package com.kvscamera.agent.signaling;

import java.util.concurrent.Executor;
import java.util.logging.Logger;

/** Answers and candidates enter the writer on the control thread, whichever thread produced them. */
final class QueuedSignalingOut implements SignalingOut {
    private static final Logger LOG = Logger.getLogger(QueuedSignalingOut.class.getName());

    private final Executor control;
    private final OutboundWriter writer;
    private long answers;

    QueuedSignalingOut(Executor control, OutboundWriter writer) {
        this.control = control;
        this.writer = writer;
    }

    @Override
    public void sendAnswer(String clientId, String sdp) {
        String frame;
        String correlation;
        try {
            correlation = correlationId(clientId);
            frame = MessageCodec.encodeAnswer(clientId, sdp, correlation);
        } catch (IllegalArgumentException e) {
            LOG.warning("answer not sent: " + e.getMessage());
            return;
        }
        control.execute(() -> {
            writer.enqueue(new OutboundWriter.Outgoing(true, clientId, frame, correlation, 0));
        });
    }

    @Override
    public void sendCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex) {
        String frame;
        try {
            frame = MessageCodec.encodeCandidate(clientId, candidate, sdpMid, sdpMLineIndex);
        } catch (IllegalArgumentException e) {
            LOG.warning("candidate not sent: " + e.getMessage());
            return;
        }
        control.execute(() -> {
            writer.enqueue(new OutboundWriter.Outgoing(false, clientId, frame));
        });
    }

    private synchronized String correlationId(String clientId) {
        String id = "ans-" + (++answers) + "-" + clientId;
        return id.length() <= 256 ? id : id.substring(0, 256);
    }
}
