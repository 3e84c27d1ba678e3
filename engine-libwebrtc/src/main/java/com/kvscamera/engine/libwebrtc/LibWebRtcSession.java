package com.kvscamera.engine.libwebrtc;

import com.kvscamera.agent.session.SdpPort;
import com.kvscamera.agent.session.SessionListener;
import com.kvscamera.agent.session.SessionLoop;
import com.kvscamera.agent.session.SessionStats;
import com.kvscamera.agent.session.ViewerSession;
import com.kvscamera.agent.signaling.SignalingOut;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One viewer on a libwebrtc PeerConnection. Like the passthrough session: a trickle offer is answered at once and
 * candidates follow; a non-trickle (Alexa) offer gets one answer with every candidate gathered by COMPLETE or by
 * {@code webrtc.gatherTimeout}, whichever is first (libwebrtc alone waits 40 s for an unreachable TURN server).
 * All negotiation runs on the session's serial executor; webrtc-java callbacks arrive on the native signaling
 * thread, which must never block, so they only hop onto that executor.
 */
final class LibWebRtcSession implements ViewerSession {
    private static final Logger LOG = Logger.getLogger(LibWebRtcSession.class.getName());
    /** libwebrtc reports DISCONNECTED for short outages too; a path that stays down this long is gone. */
    static final long DISCONNECTED_GRACE_MS = 5000;
    /** How often the sender's stats are read into {@link SessionStats} and logged. */
    static final long STATS_INTERVAL_MS = 10_000;

    private final String clientId;
    private final String offerSdp;
    private final SignalingOut out;
    private final SessionListener listener;
    private final LibWebRtcEngine engine;
    private final SessionLoop loop;
    private final SessionStats stats = new SessionStats();

    // owned by the loop
    private SdpPort.ParsedOffer offer;
    private RTCPeerConnection pc;
    private boolean remoteSet;
    private boolean answered;
    private boolean connected;
    private final List<String> pendingRemote = new ArrayList<>();
    private final List<RTCIceCandidate> gathered = new ArrayList<>();

    LibWebRtcSession(String clientId, String offerSdp, SignalingOut out, SessionListener listener, LibWebRtcEngine engine) {
        this.clientId = clientId;
        this.offerSdp = offerSdp;
        this.out = out;
        this.listener = listener;
        this.engine = engine;
        this.loop = new SessionLoop(clientId, SessionLoop.thread("peer", clientId), this::release);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public SessionStats stats() {
        return stats;
    }

    @Override
    public void start() {
        loop.execute(this::negotiate);
    }

    @Override
    public void addRemoteCandidate(String candidate) {
        loop.execute(() -> {
            if (candidate.isEmpty()) return; // end-of-candidates: libwebrtc needs no marker
            if (!remoteSet) pendingRemote.add(candidate);
            else addCandidate(candidate);
        });
    }

    private void negotiate() {
        String munged;
        try {
            offer = engine.sdp().parse(offerSdp); // the agent's own rules for what an offer must hold
            munged = OfferMunger.preferH264(offerSdp);
        } catch (RuntimeException e) {
            LOG.warning("offer from " + clientId + " refused: " + e.getMessage());
            close("malformed offer");
            return;
        }
        pc = engine.factory().createPeerConnection(engine.configuration(), new Observer());
        RTCRtpSender sender = pc.addTrack(engine.track(), List.of(LibWebRtcEngine.STREAM_ID));
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, munged),
                setObserver("setRemoteDescription", () -> afterRemote(sender)));
        long connectMs = engine.options().settings().connectTimeout().toMillis();
        loop.hold(engine.timers().schedule(() -> loop.execute(() -> {
            if (!connected) close("connect timeout after " + connectMs + " ms");
        }), connectMs, TimeUnit.MILLISECONDS));
    }

    private void afterRemote(RTCRtpSender sender) {
        remoteSet = true;
        capBitrate(sender);
        for (String c : pendingRemote) addCandidate(c);
        pendingRemote.clear();
        pc.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
            @Override public void onSuccess(RTCSessionDescription d) { loop.execute(() -> setLocal(d)); }
            @Override public void onFailure(String error) { loop.execute(() -> refuse("createAnswer: " + error)); }
        });
    }

    private void capBitrate(RTCRtpSender sender) {
        RTCRtpSendParameters p = sender.getParameters();
        if (p.encodings == null || p.encodings.isEmpty()) return;
        for (RTCRtpEncodingParameters e : p.encodings) e.maxBitrate = engine.options().maxBitrateBps();
        sender.setParameters(p);
    }

    private void setLocal(RTCSessionDescription answer) {
        pc.setLocalDescription(answer, setObserver("setLocalDescription", () -> {
            if (offer.trickle()) {
                sendAnswer(answer.sdp, "trickle");
            } else {
                long ms = engine.options().settings().gatherTimeout().toMillis();
                if (pc.getIceGatheringState() == RTCIceGatheringState.COMPLETE) sendCompleteAnswer("gathering complete");
                else loop.hold(engine.timers().schedule(() -> loop.execute(() -> sendCompleteAnswer("gather timeout")),
                        ms, TimeUnit.MILLISECONDS));
            }
        }));
    }

    private void sendCompleteAnswer(String why) {
        if (answered) return;
        // the local description holds every candidate gathered so far (notes §2); like the agent's complete
        // answers it must not invite trickle, which libwebrtc leaves in
        String sdp = pc.getLocalDescription().sdp.replace("a=ice-options:trickle\r\n", "");
        sendAnswer(sdp, "complete on " + why + ", " + count(sdp, "a=candidate:") + " candidates");
    }

    private void sendAnswer(String sdp, String how) {
        if (answered || loop.closing()) return;
        answered = true;
        out.sendAnswer(clientId, sdp);
        LOG.info("answered " + clientId + " (" + how + ", libwebrtc) in " + loop.elapsedMillis() + " ms");
        if (offer.trickle()) {
            for (RTCIceCandidate c : gathered) trickle(c);
            gathered.clear();
        }
    }

    private void trickle(RTCIceCandidate c) {
        out.sendCandidate(clientId, c.sdp, offer.videoMid(), offer.videoMLineIndex());
    }

    private void addCandidate(String candidate) {
        pc.addIceCandidate(new RTCIceCandidate(offer.videoMid(), offer.videoMLineIndex(), candidate));
    }

    private void refuse(String why) {
        LOG.warning("offer from " + clientId + " refused: cannot answer it: " + why);
        close("offer cannot be answered");
    }

    private void onState(RTCPeerConnectionState s) {
        switch (s) {
            case CONNECTED -> {
                if (connected) return;
                connected = true;
                if (!answered) sendCompleteAnswer("connected before gather deadline");
                engine.streaming(+1);
                LOG.info("session " + clientId + " connected in " + loop.elapsedMillis() + " ms");
                listener.onConnected(this);
                loop.hold(engine.timers().scheduleAtFixedRate(() -> loop.execute(this::readStats), STATS_INTERVAL_MS,
                        STATS_INTERVAL_MS, TimeUnit.MILLISECONDS));
            }
            case DISCONNECTED -> loop.hold(engine.timers().schedule(() -> loop.execute(() -> {
                if (pc.getConnectionState() == RTCPeerConnectionState.DISCONNECTED) close("disconnected for "
                        + DISCONNECTED_GRACE_MS + " ms");
            }), DISCONNECTED_GRACE_MS, TimeUnit.MILLISECONDS));
            case FAILED -> close("connection failed");
            case CLOSED -> close("connection closed");
            default -> { }
        }
    }

    /** Copies the video sender's counters into {@link SessionStats} and logs what libwebrtc encodes. */
    private void readStats() {
        pc.getStats(report -> loop.execute(() -> {
            String codec = "?";
            for (RTCStats st : report.getStats().values()) {
                if (st.getType() == RTCStatsType.CODEC && String.valueOf(st.getAttributes().get("mimeType")).startsWith("video/")) {
                    codec = String.valueOf(st.getAttributes().get("mimeType"));
                }
            }
            for (RTCStats st : report.getStats().values()) {
                Map<String, Object> a = st.getAttributes();
                if (st.getType() != RTCStatsType.OUTBOUND_RTP || !"video".equals(String.valueOf(a.get("kind")))) continue;
                set(stats.bytesSent, a.get("bytesSent"));
                set(stats.packetsSent, a.get("packetsSent"));
                set(stats.framesSent, a.get("framesEncoded"));
                set(stats.nacksReceived, a.get("nackCount"));
                set(stats.pliReceived, a.get("pliCount"));
                set(stats.firReceived, a.get("firCount"));
                LOG.info("session " + clientId + ": " + codec + " by " + a.get("encoderImplementation") + " "
                        + a.get("frameWidth") + "x" + a.get("frameHeight") + ", target "
                        + kbits(a.get("targetBitrate")) + " kbit/s, limited by " + a.get("qualityLimitationReason")
                        + ", " + stats);
            }
        }));
    }

    private static void set(java.util.concurrent.atomic.LongAdder counter, Object value) {
        if (value instanceof Number n) {
            counter.reset();
            counter.add(n.longValue());
        }
    }

    private static String kbits(Object bps) {
        return bps instanceof Number n ? String.valueOf(Math.round(n.doubleValue() / 1000)) : "?";
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate c) {
            loop.execute(() -> {
                if (!offer.trickle()) return; // a complete answer reads them from the local description
                if (answered) trickle(c);
                else gathered.add(c);
            });
        }

        @Override
        public void onIceCandidateError(RTCPeerConnectionIceErrorEvent e) {
            LOG.fine(() -> "session " + clientId + ": ICE server " + e.getUrl() + ": " + e.getErrorCode() + " " + e.getErrorText());
        }

        @Override
        public void onIceGatheringChange(RTCIceGatheringState s) {
            if (s == RTCIceGatheringState.COMPLETE) loop.execute(() -> {
                if (!offer.trickle() && pc.getLocalDescription() != null) sendCompleteAnswer("gathering complete");
            });
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState s) {
            loop.execute(() -> onState(s));
        }
    }

    private SetSessionDescriptionObserver setObserver(String what, Runnable then) {
        return new SetSessionDescriptionObserver() {
            @Override public void onSuccess() { loop.execute(then); }
            @Override public void onFailure(String error) { loop.execute(() -> refuse(what + ": " + error)); }
        };
    }

    @Override
    public void close(String reason) {
        loop.close(reason);
    }

    private void release(String reason) {
        if (connected) engine.streaming(-1);
        try {
            // close() stops media and ICE; 0.14.0 never frees the native PC (~0.5 MB each, notes §4)
            if (pc != null) pc.close();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "session " + clientId + ": error while closing", e);
        }
        LOG.info("session " + clientId + " closed (" + reason + ")");
        listener.onClosed(this, reason);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
