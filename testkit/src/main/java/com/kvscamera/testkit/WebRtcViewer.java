package com.kvscamera.testkit;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A recvonly libwebrtc viewer (webrtc-java 0.14.0) that offers, as Chrome or an Echo Show would.
 * Every webrtc-java callback runs on the native signaling thread, which must never block
 * (webrtc-java-notes.md §4): callbacks only complete futures or hand work to this viewer's event thread;
 * the blocking methods here are for the test thread.
 */
public final class WebRtcViewer implements AutoCloseable {

    /** A TURN/STUN server as libwebrtc takes it. */
    public record Server(List<String> urls, String username, String password) {
        @Override public String toString() { return "Server" + urls; }
    }

    /**
     * @param audio     add a recvonly audio m-line after the video one
     * @param relayOnly iceTransportPolicy=RELAY (forces traffic through the given TURN servers)
     */
    public record Options(boolean audio, boolean relayOnly, List<Server> iceServers) {
        public static Options videoOnly() { return new Options(false, false, List.of()); }
    }

    private static final AtomicInteger IDS = new AtomicInteger();
    private final PeerConnectionFactory factory;
    private final RTCPeerConnection pc;
    private final ExecutorService events;
    private final List<Consumer<RTCIceCandidate>> candidateListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> gatheringComplete = new CompletableFuture<>();
    private final AtomicLong frames = new AtomicLong();
    private volatile int width;
    private volatile int height;
    private volatile RTCIceConnectionState iceState = RTCIceConnectionState.NEW; // standardized (ICE only)
    private volatile RTCIceConnectionState legacyIceState = RTCIceConnectionState.NEW;
    private volatile RTCPeerConnectionState pcState = RTCPeerConnectionState.NEW;
    private volatile long iceConnectedAtNanos;
    private boolean closed;

    private final VideoTrackSink sink = frame -> {
        try {
            width = frame.buffer.getWidth();
            height = frame.buffer.getHeight();
            frames.incrementAndGet();
        } finally {
            frame.release(); // without it the native frame leaks (13.5 MB/s at 640x480@30)
        }
    };

    public WebRtcViewer(Options options) {
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "webrtc-viewer-" + IDS.incrementAndGet() + "-events");
            t.setDaemon(true);
            return t;
        });
        this.factory = SharedPeerConnectionFactory.acquire();
        RTCConfiguration config = new RTCConfiguration();
        if (config.iceServers == null) config.iceServers = new java.util.ArrayList<>();
        for (Server s : options.iceServers()) {
            RTCIceServer is = new RTCIceServer();
            is.urls = s.urls();
            is.username = s.username();
            is.password = s.password();
            config.iceServers.add(is);
        }
        if (options.relayOnly()) config.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
        this.pc = factory.createPeerConnection(config, new Observer());
        // addTransceiver rejects a null track, so recvonly m-lines are created over dummy tracks.
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        pc.addTransceiver(factory.createVideoTrack("viewer-dummy-video", new CustomVideoSource()), init);
        if (options.audio()) {
            RTCRtpTransceiverInit ai = new RTCRtpTransceiverInit();
            ai.direction = RTCRtpTransceiverDirection.RECV_ONLY;
            pc.addTransceiver(factory.createAudioTrack("viewer-dummy-audio", factory.createAudioSource(new AudioOptions())), ai);
        }
    }

    /** Trickle: each local candidate (mid, index, "candidate:...") on the viewer's event thread. */
    public void onLocalCandidate(Consumer<RTCIceCandidate> listener) {
        candidateListeners.add(listener);
    }

    /**
     * Creates the offer and sets it locally. With {@code waitForGathering} the returned SDP holds every
     * candidate gathered by COMPLETE or by the timeout, whichever comes first (non-trickle, as Echo Show);
     * libwebrtc needs 40 s to give up on an unreachable TURN server, hence the bound.
     */
    public String createOffer(boolean waitForGathering, Duration gatherTimeout) throws Exception {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override public void onSuccess(RTCSessionDescription d) { offer.complete(d); }
            @Override public void onFailure(String error) { offer.completeExceptionally(new IllegalStateException("createOffer: " + error)); }
        });
        RTCSessionDescription d = offer.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setLocalDescription(d, observer(set, "setLocalDescription"));
        set.get(10, TimeUnit.SECONDS);
        if (waitForGathering) {
            try {
                gatheringComplete.get(gatherTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // take what is in the local description by now
            }
            return pc.getLocalDescription().sdp;
        }
        return d.sdp;
    }

    public void applyAnswer(String sdp) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), observer(set, "setRemoteDescription(answer)"));
        set.get(10, TimeUnit.SECONDS);
    }

    /** Adds a trickled remote candidate ("candidate:..."), for m-line 0 / mid "0" unless told otherwise. */
    public void addRemoteCandidate(String mid, int mLineIndex, String candidate) {
        pc.addIceCandidate(new RTCIceCandidate(mid, mLineIndex, candidate));
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> f, String what) {
        return new SetSessionDescriptionObserver() {
            @Override public void onSuccess() { f.complete(null); }
            @Override public void onFailure(String error) { f.completeExceptionally(new IllegalStateException(what + ": " + error)); }
        };
    }

    /**
     * libwebrtc's RTCPeerConnection.iceConnectionState as its observer reports it. In libwebrtc this reaches
     * CONNECTED only once ICE <em>and</em> DTLS are up; for ICE alone use {@link #transportIceState()} or
     * {@link #awaitIceConnected}.
     */
    public RTCIceConnectionState iceConnectionState() { return legacyIceState; }
    /** RTCPeerConnection.connectionState: CONNECTED once ICE and DTLS are both up. */
    public RTCPeerConnectionState connectionState() { return pcState; }
    public long framesDecoded() { return frames.get(); }
    public int frameWidth() { return width; }
    public int frameHeight() { return height; }
    /** System.nanoTime() when ICE first reached CONNECTED or COMPLETED, or 0. */
    public long iceConnectedAtNanos() { return iceConnectedAtNanos; }

    /**
     * Polls until libwebrtc's ICE transport is connected; false on timeout or FAILED. webrtc-java 0.14.0 never
     * calls onStandardizedIceConnectionChange, and its legacy state waits for DTLS, so without DTLS the
     * transport's own {@code iceState} from getStats (the W3C RTCIceTransport state) is the ICE-only signal.
     * Polled every 20 ms, so {@link #iceConnectedAtNanos()} is accurate to about that.
     */
    public boolean awaitIceConnected(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (RTCIceConnectionState s : new RTCIceConnectionState[] {iceState, legacyIceState}) {
                if (s == RTCIceConnectionState.CONNECTED || s == RTCIceConnectionState.COMPLETED) {
                    if (iceConnectedAtNanos == 0) iceConnectedAtNanos = System.nanoTime();
                    return true;
                }
                if (s == RTCIceConnectionState.FAILED) return false;
            }
            String transportIce = transportIceState();
            if ("connected".equals(transportIce) || "completed".equals(transportIce)) {
                if (iceConnectedAtNanos == 0) iceConnectedAtNanos = System.nanoTime();
                return true;
            }
            if ("failed".equals(transportIce)) return false;
            Thread.sleep(20);
        }
        return false;
    }

    /** The iceState of the (bundled) transport from getStats, e.g. "checking", "connected", or null. */
    public String transportIceState() throws Exception {
        for (RTCStats st : stats(Duration.ofSeconds(2)).values()) {
            if (st.getType() == dev.onvoid.webrtc.RTCStatsType.TRANSPORT) {
                Object v = st.getAttributes().get("iceState");
                if (v != null) return v.toString();
            }
        }
        return null;
    }

    /** Polls until the PeerConnection (ICE + DTLS) is CONNECTED; false on timeout, FAILED or CLOSED. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            RTCPeerConnectionState s = pcState;
            if (s == RTCPeerConnectionState.CONNECTED) return true;
            if (s == RTCPeerConnectionState.FAILED || s == RTCPeerConnectionState.CLOSED) return false;
            Thread.sleep(10);
        }
        return false;
    }

    /** Polls until at least n frames were decoded. */
    public boolean awaitFrames(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (frames.get() >= n) return true;
            Thread.sleep(10);
        }
        return false;
    }

    public Map<String, RTCStats> stats(Duration timeout) throws Exception {
        CompletableFuture<Map<String, RTCStats>> f = new CompletableFuture<>();
        pc.getStats(report -> f.complete(report.getStats()));
        return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private final class Observer implements PeerConnectionObserver {
        @Override public void onIceCandidate(RTCIceCandidate c) {
            for (Consumer<RTCIceCandidate> l : candidateListeners) events.execute(() -> l.accept(c));
        }
        @Override public void onIceGatheringChange(RTCIceGatheringState s) {
            if (s == RTCIceGatheringState.COMPLETE) gatheringComplete.complete(null);
        }
        @Override public void onIceConnectionChange(RTCIceConnectionState s) { legacyIceState = s; }
        // 0.14.0 never calls onStandardizedIceConnectionChange; kept in case a later release does.
        @Override public void onStandardizedIceConnectionChange(RTCIceConnectionState s) {
            if ((s == RTCIceConnectionState.CONNECTED || s == RTCIceConnectionState.COMPLETED) && iceConnectedAtNanos == 0) {
                iceConnectedAtNanos = System.nanoTime();
            }
            iceState = s;
        }
        @Override public void onConnectionChange(RTCPeerConnectionState s) { pcState = s; }
        @Override public void onTrack(RTCRtpTransceiver t) {
            if (t.getReceiver().getTrack() instanceof VideoTrack v) v.addSink(sink);
        }
    }

    /**
     * Closes the PeerConnection and releases the shared factory. In 0.14.0 close() never frees the native PC
     * (~0.5 MB per viewer), and disposing tracks afterwards throws, so tracks are left alone.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        pc.close();
        events.shutdown();
        SharedPeerConnectionFactory.release();
    }
}
