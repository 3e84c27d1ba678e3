package com.kvscamera.agent.signaling;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes decoded offers and candidates to the {@link OfferHandler} on the dispatch executor, holding candidates
 * that precede their offer. Confined to the control thread; the handler never runs on it.
 */
final class InboundRouter {
    private static final Logger LOG = Logger.getLogger(InboundRouter.class.getName());
    /** Client ids whose offer was delivered, most recent last; bounded (viewers come and go for months). */
    static final int MAX_KNOWN_CLIENTS = 1024;

    private final OfferHandler handler;
    private final SignalingOut out;
    private final Executor dispatch;
    private final CandidateBuffer buffer;
    private final Map<String, Boolean> offered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_KNOWN_CLIENTS;
        }
    };
    final AtomicLong offers = new AtomicLong();
    final AtomicLong candidates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    InboundRouter(OfferHandler handler, SignalingOut out, Executor dispatch, Duration bufferTtl, Clock clock) {
        this.handler = handler;
        this.out = out;
        this.dispatch = dispatch;
        this.buffer = new CandidateBuffer(bufferTtl, clock);
    }

    void offer(Inbound.Offer o) {
        offers.incrementAndGet();
        offered.put(o.senderClientId(), Boolean.TRUE);
        List<Inbound.Candidate> early = buffer.release(o.senderClientId());
        dispatch.execute(() -> {
            try {
                handler.onOffer(o.senderClientId(), o.sdp(), out);
                for (Inbound.Candidate c : early) {
                    handler.onRemoteCandidate(c.senderClientId(), c.candidate(), c.sdpMid(), c.sdpMLineIndex());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "offer handler failed for " + o.senderClientId(), e);
            }
        });
    }

    void candidate(Inbound.Candidate c) {
        candidates.incrementAndGet();
        if (offered.get(c.senderClientId()) == null) {
            buffer.hold(c);
            return;
        }
        dispatch.execute(() -> {
            try {
                handler.onRemoteCandidate(c.senderClientId(), c.candidate(), c.sdpMid(), c.sdpMLineIndex());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "candidate handler failed for " + c.senderClientId(), e);
            }
        });
    }

    void rejected(Inbound.Rejected r) {
        rejected.incrementAndGet();
        LOG.warning("rejected signaling message from '" + r.senderClientId() + "': " + r.why());
    }

    int buffered() {
        return buffer.size();
    }
}
