package com.kvscamera.emulator.signaling;

import com.kvscamera.emulator.EmulatorState;
import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.channel.ChannelRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The live side of one channel: its master, viewers, held messages and counters. Router thread only. */
final class ChannelHub {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelHub.class);
    static final int MAX_VIEWERS = 10;

    /** A message for a master that is not connected, retained for MessageTtlSeconds. */
    private static final class Held {
        final String senderClientId;
        final String action;
        final String payload;
        final Peer sender;              // null for SendAlexaOfferToMaster
        final String correlationId;
        ScheduledFuture<?> expiry;

        Held(String senderClientId, String action, String payload, Peer sender, String correlationId) {
            this.senderClientId = senderClientId;
            this.action = action;
            this.payload = payload;
            this.sender = sender;
            this.correlationId = correlationId;
        }
    }

    private final ChannelRecord record;
    private final ScheduledExecutorService scheduler;
    private final Duration sessionTtl;
    private final Duration goAwayGrace;
    final RateWindow masterConnects;
    final RateWindow viewerConnects;
    final RateWindow alexaOffers;
    final RateWindow iceConfigs;
    final RateWindow describes;
    private Peer master;
    private final Set<Peer> formerMasters = new LinkedHashSet<>();
    private final Map<String, Peer> viewers = new LinkedHashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final Map<String, CompletableFuture<String>> alexaWaiters = new LinkedHashMap<>();
    private long masterConnections;
    private long sessionsExpired;
    private long offers;
    private long answers;
    private long candidates;

    ChannelHub(ChannelRecord record, ScheduledExecutorService scheduler, Clock clock, Duration sessionTtl,
               Duration goAwayGrace) {
        this.record = record;
        this.scheduler = scheduler;
        this.sessionTtl = sessionTtl;
        this.goAwayGrace = goAwayGrace;
        this.masterConnects = new RateWindow(3, clock);
        this.viewerConnects = new RateWindow(3, clock);
        this.alexaOffers = new RateWindow(5, clock);
        this.iceConfigs = new RateWindow(ControlPlaneLimits.ICE_CONFIG_PER_CHANNEL, clock);
        this.describes = new RateWindow(ControlPlaneLimits.DESCRIBE_PER_CHANNEL, clock);
    }

    ChannelRecord record() {
        return record;
    }

    int viewerCount() {
        return viewers.size();
    }

    boolean hasViewer(String clientId) {
        return viewers.containsKey(clientId);
    }

    void attach(Peer peer) {
        if (peer.isMaster()) {
            if (master != null) {
                // most recent master wins: the older socket stays open but receives nothing more
                formerMasters.add(master);
                LOG.info("channel {}: {} replaces {} as the current master", record.name(), peer, master);
            }
            master = peer;
            masterConnections++;
        } else {
            Peer old = viewers.put(peer.clientId(), peer);
            if (old != null) {
                LOG.info("channel {}: {} replaces an older connection with the same client id", record.name(), peer);
                old.link().close(1000, "Replaced by a newer connection");
            }
        }
        peer.lifetimeTimer = later("session lifetime", () -> expire(peer), sessionTtl);
        LOG.info("channel {}: {} connected from {}", record.name(), peer, peer.link().remoteAddress());
        if (peer.isMaster()) {
            flushHeld();
        }
    }

    void detach(Peer peer) {
        cancel(peer.lifetimeTimer);
        cancel(peer.goAwayTimer);
        if (peer == master) {
            master = null;
        } else if (!formerMasters.remove(peer) && !peer.isMaster()) {
            viewers.remove(peer.clientId(), peer);
        }
        LOG.info("channel {}: {} disconnected", record.name(), peer);
    }

    private void expire(Peer peer) {
        if (peer.closing) {
            return;
        }
        goOffline(peer);
        sessionsExpired++;
        LOG.info("channel {}: session lifetime of {} ended after {}; closing 1001", record.name(), peer, sessionTtl);
        peer.link().close(1001, "Going away");
    }

    void onMessage(Peer from, ClientMessage m) throws FrameRejected {
        RateWindow window = switch (m.action()) {
            case "SDP_OFFER" -> from.offers;
            case "SDP_ANSWER" -> from.answers;
            default -> from.candidates;
        };
        if (!window.tryAcquire()) {
            throw new FrameRejected("ClientLimitExceededException", 400, m.correlationId(),
                    m.action() + " rate limit exceeded for this connection");
        }
        switch (m.action()) {
            case "SDP_OFFER" -> offers++;
            case "SDP_ANSWER" -> answers++;
            default -> candidates++;
        }
        if (from.isMaster()) {
            fromMaster(from, m);
        } else {
            toMaster(from.clientId(), m.action(), m.messagePayload(), from, m.correlationId());
        }
    }

    private void fromMaster(Peer from, ClientMessage m) throws FrameRejected {
        String recipient = m.recipientClientId();
        CompletableFuture<String> waiter = alexaWaiters.get(recipient);
        if (waiter != null && m.action().equals("SDP_ANSWER")) {
            alexaWaiters.remove(recipient);
            waiter.complete(m.messagePayload());
            LOG.info("channel {}: answer for Alexa client {} returned to SendAlexaOfferToMaster", record.name(), recipient);
            return;
        }
        Peer viewer = viewers.get(recipient);
        if (viewer == null) {
            if (waiter != null) {
                return; // candidates for a non-trickle Alexa peer have no consumer
            }
            throw new FrameRejected("InvalidArgumentException", 400, m.correlationId(),
                    "The recipient " + recipient + " is not connected to the channel", true);
        }
        viewer.link().send(OutboundFrames.relay(m.action(), m.messagePayload(), null));
    }

    /**
     * The service marks a client offline as soon as its connection starts to end, not when the close handshake
     * completes: from here on messages for a closing master are held for MessageTtlSeconds and flushed to the
     * next master connection instead of being written to a socket that is going away.
     */
    void goOffline(Peer peer) {
        peer.closing = true;
        if (peer == master) {
            master = null;
            formerMasters.add(peer); // detach() still finds it when the socket finally ends
            LOG.info("channel {}: {} is closing; master offline, messages for it are held", record.name(), peer);
        }
    }

    private void toMaster(String senderClientId, String action, String payload, Peer sender, String correlationId) {
        if (master != null && !master.link().isOpen()) {
            goOffline(master); // the socket ended and its close notice is still on its way to this thread
        }
        if (master != null) {
            master.link().send(OutboundFrames.relay(action, payload, senderClientId));
            return;
        }
        // the service retains undelivered messages for MessageTtlSeconds; a newer offer replaces an older one
        if (action.equals("SDP_OFFER")) {
            held.removeIf(h -> {
                boolean same = h.senderClientId.equals(senderClientId) && h.action.equals("SDP_OFFER");
                if (same) {
                    cancel(h.expiry);
                }
                return same;
            });
        }
        Held h = new Held(senderClientId, action, payload, sender, correlationId);
        h.expiry = later("held message expiry", () -> expireHeld(h), record.messageTtl());
        held.add(h);
        LOG.info("channel {}: master not connected; holding {} from {} for {}", record.name(), action,
                senderClientId, record.messageTtl());
    }

    private void expireHeld(Held h) {
        if (!held.remove(h)) {
            return;
        }
        LOG.info("channel {}: {} from {} expired undelivered (no master within {})", record.name(), h.action,
                h.senderClientId, record.messageTtl());
        if (h.sender != null && h.correlationId != null && !h.sender.closing) {
            h.sender.link().send(OutboundFrames.statusResponse(h.correlationId, "ResourceNotFoundException", 404,
                    "The master is not connected to the signaling channel; the message expired after "
                            + record.messageTtl().toSeconds() + " s"));
        }
        if (h.sender == null) {
            CompletableFuture<String> waiter = alexaWaiters.remove(h.senderClientId);
            if (waiter != null) {
                waiter.completeExceptionally(ApiException.notFound("The master is not connected to the "
                        + "signaling channel; the offer expired after " + record.messageTtl().toSeconds() + " s"));
            }
        }
    }

    private void flushHeld() {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            it.remove();
            cancel(h.expiry);
            master.link().send(OutboundFrames.relay(h.action, h.payload, h.senderClientId));
            LOG.info("channel {}: delivered held {} from {} to the new master", record.name(), h.action,
                    h.senderClientId);
        }
    }

    /** SendAlexaOfferToMaster: the future completes with the master's answer payload or an ApiException. */
    CompletableFuture<String> alexaOffer(String senderClientId, String payload) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<String> previous = alexaWaiters.put(senderClientId, answer);
        if (previous != null) {
            previous.completeExceptionally(ApiException.invalidArgument(
                    "A newer offer from " + senderClientId + " replaced this one"));
        }
        offers++;
        toMaster(senderClientId, "SDP_OFFER", payload, null, null);
        // whether delivered or held, the caller waits at most MessageTtlSeconds for the answer
        ScheduledFuture<?> timeout = later("Alexa answer timeout", () -> {
            if (alexaWaiters.remove(senderClientId, answer)) {
                answer.completeExceptionally(ApiException.notFound("No answer from the master for " + senderClientId
                        + " within " + record.messageTtl().toSeconds() + " s"));
            }
        }, record.messageTtl());
        answer.whenComplete((a, e) -> timeout.cancel(false));
        return answer;
    }

    /** Fault injection on the current master; false when none is connected. */
    boolean inject(FaultEvent event) {
        Peer m = master;
        if (m == null) {
            return false;
        }
        LOG.info("channel {}: injecting {} on {}", record.name(), event, m);
        switch (event) {
            case GO_AWAY -> {
                m.link().send(OutboundFrames.event("GO_AWAY"));
                cancel(m.goAwayTimer);
                m.goAwayTimer = later("GO_AWAY grace", () -> {
                    goOffline(m);
                    m.link().close(1001, "Going away");
                }, goAwayGrace);
            }
            case RECONNECT_ICE_SERVER -> m.link().send(OutboundFrames.event("RECONNECT_ICE_SERVER"));
            case CLOSE_1001 -> {
                goOffline(m);
                m.link().close(1001, "Going away");
            }
            case DROP -> {
                goOffline(m);
                m.link().drop();
            }
            case STRAY_FRAME -> m.link().send(OutboundFrames.gatewayError("Internal server error", m.id()));
            default -> throw new IllegalStateException("unhandled " + event);
        }
        return true;
    }

    /** Every connection of the channel is closed 1001 "Going away"; the futures complete as the sockets end. */
    List<CompletableFuture<Void>> goingAway() {
        List<Peer> all = new ArrayList<>(viewers.values());
        all.addAll(formerMasters);
        if (master != null) {
            all.add(master);
        }
        List<CompletableFuture<Void>> ended = new ArrayList<>();
        for (Peer p : all) {
            goOffline(p);
            ended.add(p.link().close(1001, "Going away"));
        }
        return ended;
    }

    /** Channel deleted: every connection goes, every waiting caller fails. */
    void shutdown() {
        goingAway();
        for (Held h : held) {
            cancel(h.expiry);
        }
        held.clear();
        for (CompletableFuture<String> w : alexaWaiters.values()) {
            w.completeExceptionally(ApiException.channelNotFound());
        }
        alexaWaiters.clear();
    }

    EmulatorState.ChannelState snapshot() {
        return new EmulatorState.ChannelState(record.name(), record.arn(), master != null, masterConnections,
                sessionsExpired, viewers.size(), offers, answers, candidates);
    }

    /** Timers run on the router thread; a failure is logged, never silently swallowed by the executor. */
    private ScheduledFuture<?> later(String what, Runnable task, Duration delay) {
        return scheduler.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("channel {}: {} failed", record.name(), what, e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
