package com.kvscamera.agent.session;

import com.kvscamera.agent.signaling.SignalingOut;
import com.kvscamera.rtc.rtp.RtpPacketWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One viewer: offer → answer (trickle or complete) → ICE + DTLS-SRTP → H.264 from the fan-out.
 * Negotiation and lifecycle run on the session's own serial executor ({@code peer-<id>}); timers come from the
 * shared scheduler and hop onto that executor, so all fields below are owned by it.
 */
public final class PeerSession implements ViewerSession {
    private static final Logger LOG = Logger.getLogger(PeerSession.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final long REPORT_INTERVAL_MS = 1000;
    static final String STREAM_ID = "kvscam";
    static final String TRACK_ID = "video0";
    /** The SPS arrives with the first keyframe; look for it this often while an offer waits for it. */
    static final long PROFILE_POLL_MS = 20;

    private final String clientId;
    private final String offerSdp;
    private final SignalingOut out;
    private final SessionListener listener;
    private final SessionSettings settings;
    private final SdpPort sdp;
    private final PeerTransportFactory transports;
    private final VideoFeed feed;
    private final VideoSender.Factory senders;
    private final ScheduledExecutorService timers;
    private final SessionLoop loop;
    private final SessionStats stats = new SessionStats();

    // owned by the loop (except where marked)
    private SdpPort.ParsedOffer offer;
    private PeerTransport transport;
    private SdpPort.LocalDescription local;
    private String profileLevelId;
    private boolean answered;
    private int payloadType = -1;
    private final List<String> gathered = new ArrayList<>();
    private final List<String> pendingRemote = new ArrayList<>();
    // written on the loop, read by the feed's thread and the transport's receive thread
    private volatile VideoSender sender;
    private volatile VideoFeed.Subscription subscription;
    private volatile long answerMillis = -1;
    private volatile long connectMillis = -1;

    public PeerSession(String clientId, String offerSdp, SignalingOut out, SessionListener listener,
                       SessionSettings settings, SdpPort sdp, PeerTransportFactory transports, VideoFeed feed,
                       VideoSender.Factory senders, ScheduledExecutorService timers) {
        this(clientId, offerSdp, out, listener, settings, sdp, transports, feed, senders, timers,
                SessionLoop.thread("peer", clientId));
    }

    /** @param exec the session's serial executor, shut down when the session ends (tests pass a same-thread one) */
    PeerSession(String clientId, String offerSdp, SignalingOut out, SessionListener listener,
                SessionSettings settings, SdpPort sdp, PeerTransportFactory transports, VideoFeed feed,
                VideoSender.Factory senders, ScheduledExecutorService timers, ExecutorService exec) {
        this.clientId = clientId;
        this.offerSdp = offerSdp;
        this.out = out;
        this.listener = listener;
        this.settings = settings;
        this.sdp = sdp;
        this.transports = transports;
        this.feed = feed;
        this.senders = senders;
        this.timers = timers;
        this.loop = new SessionLoop(clientId, exec, this::release);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public SessionStats stats() {
        return stats;
    }

    /** Milliseconds from offer to answer handed to signaling, or -1 before the answer. */
    public long answerMillis() {
        return answerMillis;
    }

    /** Milliseconds from offer to SRTP keys in place, or -1 before that. */
    public long connectMillis() {
        return connectMillis;
    }

    @Override
    public void start() {
        loop.execute(this::parseOffer);
    }

    @Override
    public void addRemoteCandidate(String candidate) {
        loop.execute(() -> {
            if (transport == null) pendingRemote.add(candidate);
            else transport.addRemoteCandidate(candidate);
        });
    }

    private void parseOffer() {
        try {
            // refuses at once what no stream could be sent to; the section is chosen again once the profile is known
            offer = sdp.parse(offerSdp, settings.assumedProfileLevelId());
        } catch (RuntimeException e) {
            LOG.warning("offer from " + clientId + " refused: " + e.getMessage());
            close("malformed offer");
            return;
        }
        // The H.264 payload type is chosen to match the stream's profile, which the SPS of the first keyframe
        // tells; a capture pipeline that is still starting must not hold the answer back for long.
        awaitProfile(settings.keyframeWait().toMillis() / PROFILE_POLL_MS);
    }

    private void awaitProfile(long pollsLeft) {
        var profile = feed.profileLevelId();
        if (profile.isPresent() || pollsLeft <= 0) {
            chooseProfile(profile.orElse(null));
            return;
        }
        loop.hold(timers.schedule(() -> loop.execute(() -> awaitProfile(pollsLeft - 1)), PROFILE_POLL_MS,
                TimeUnit.MILLISECONDS));
    }

    private void chooseProfile(String fromStream) {
        if (loop.closing()) return;
        profileLevelId = fromStream != null ? fromStream : settings.assumedProfileLevelId();
        if (!profileLevelId.equals(settings.assumedProfileLevelId())) {
            try {
                offer = sdp.parse(offerSdp, profileLevelId);
            } catch (RuntimeException e) {
                LOG.warning("offer from " + clientId + " refused: cannot answer it: " + e.getMessage());
                close("offer cannot be answered");
                return;
            }
        }
        startTransport();
    }

    private void startTransport() {
        try {
            transport = transports.create(clientId, offer.iceUfrag(), offer.icePwd(), offer.fingerprint(),
                    offer.dtlsServer(), offer.candidates());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + clientId + ": transport could not start: " + e.getMessage(), e);
            close("transport failed to start");
            return;
        }
        local = new SdpPort.LocalDescription(transport.iceUfrag(), transport.icePwd(), transport.fingerprint(),
                RtpPacketWriter.randomSsrc(RANDOM) & 0xFFFFFFFFL, STREAM_ID, STREAM_ID, TRACK_ID);
        if (offer.trickle()) {
            // answer before the socket is even bound: every candidate follows it by trickle
            sendAnswer(List.of(), false);
            if (!answered) return;
        } else {
            loop.hold(timers.schedule(() -> loop.execute(() -> sendCompleteAnswer("gather timeout")),
                    settings.gatherTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        transport.start(new TransportEvents());
        for (String c : pendingRemote) transport.addRemoteCandidate(c);
        pendingRemote.clear();
        loop.hold(timers.schedule(() -> loop.execute(() -> {
            if (sender == null) close("connect timeout after " + settings.connectTimeout().toMillis() + " ms");
        }), settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void sendCompleteAnswer(String why) {
        if (answered) return;
        LOG.fine(() -> "session " + clientId + ": complete answer on " + why);
        sendAnswer(List.copyOf(gathered), true);
    }

    private void sendAnswer(List<String> candidates, boolean complete) {
        if (answered || loop.closing()) return;
        SdpPort.Answer answer;
        try {
            answer = sdp.answer(offer, profileLevelId, local, candidates, complete);
        } catch (RuntimeException e) {
            LOG.warning("offer from " + clientId + " refused: cannot answer it: " + e.getMessage());
            close("offer cannot be answered");
            return;
        }
        answered = true;
        payloadType = answer.payloadType();
        out.sendAnswer(clientId, answer.sdp());
        answerMillis = loop.elapsedMillis();
        LOG.info("answered " + clientId + " (" + (complete ? "complete, " + candidates.size() + " candidates" : "trickle")
                + ", H.264 pt " + payloadType + " " + profileLevelId + ") in " + answerMillis + " ms");
        if (!complete) {
            for (String c : gathered) trickle(c);
        }
    }

    private void trickle(String candidate) {
        out.sendCandidate(clientId, candidate, offer.videoMid(), offer.videoMLineIndex());
    }

    private final class TransportEvents implements PeerTransport.Listener {
        @Override
        public void onLocalCandidate(String candidate) {
            loop.execute(() -> {
                gathered.add(candidate);
                if (answered && offer.trickle()) trickle(candidate);
            });
        }

        @Override
        public void onGatheringComplete() {
            loop.execute(() -> {
                if (!offer.trickle()) sendCompleteAnswer("gathering complete");
            });
        }

        @Override
        public void onSecure() {
            loop.execute(PeerSession.this::startMedia);
        }

        @Override
        public void onRtcp(byte[] packet, int offset, int length) {
            VideoSender s = sender;
            if (s != null && s.onRtcp(packet, offset, length)) close("viewer sent RTCP BYE");
        }

        @Override
        public void onFailed(String reason) {
            close(reason);
        }
    }

    private void startMedia() {
        if (loop.closing() || sender != null) return;
        if (!answered) {
            // a viewer can only connect after reading our answer, but keep the order strict anyway
            sendCompleteAnswer("connected before gather deadline");
        }
        connectMillis = loop.elapsedMillis();
        sender = senders.create(clientId, payloadType, local.ssrc(), local.cname(), transport, stats, this::requestKeyframe);
        subscription = feed.subscribe(clientId, frame -> {
            VideoSender s = sender;
            if (s != null && !loop.closing()) s.sendFrame(frame);
        });
        loop.hold(timers.scheduleAtFixedRate(this::report, REPORT_INTERVAL_MS, REPORT_INTERVAL_MS,
                TimeUnit.MILLISECONDS));
        LOG.info("session " + clientId + " connected in " + connectMillis + " ms");
        listener.onConnected(this);
    }

    private void requestKeyframe() {
        VideoFeed.Subscription sub = subscription;
        if (sub != null) sub.requestKeyframe();
    }

    private void report() {
        try {
            VideoSender s = sender;
            if (s != null && !loop.closing()) s.sendReport();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + clientId + ": sender report failed", e);
        }
    }

    @Override
    public void close(String reason) {
        loop.close(reason);
    }

    private void release(String reason) {
        RuntimeException failure = null;
        try {
            if (subscription != null) subscription.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            if (sender != null) sender.close();
        } catch (RuntimeException e) {
            if (failure == null) failure = e; else failure.addSuppressed(e);
        }
        try {
            if (transport != null) transport.close();
        } catch (RuntimeException e) {
            if (failure == null) failure = e; else failure.addSuppressed(e);
        }
        if (failure != null) LOG.log(Level.WARNING, "session " + clientId + ": error while closing", failure);
        LOG.info("session " + clientId + " closed (" + reason + "), " + stats);
        listener.onClosed(this, reason);
    }
}
