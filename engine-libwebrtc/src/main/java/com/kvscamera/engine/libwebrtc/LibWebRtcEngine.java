package com.kvscamera.engine.libwebrtc;

import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.agent.session.MediaEngine;
import com.kvscamera.agent.session.RtcSdp;
import com.kvscamera.agent.session.SdpPort;
import com.kvscamera.agent.session.SessionListener;
import com.kvscamera.agent.session.ViewerSession;
import com.kvscamera.agent.signaling.SignalingOut;
import com.kvscamera.rtc.sdp.DtlsSetup;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The libwebrtc engine (webrtc-java 0.14.0): raw I420 frames from a capture command into one shared
 * {@link CustomVideoSource}, encoded by OpenH264 once per PeerConnection. It plugs into the agent's session layer
 * as a {@link MediaEngine} (a session factory), so the agent's signaling master and {@code SessionManager} drive it
 * exactly as they drive the passthrough sessions. Close it to stop the capture and dispose the factory; without
 * {@code factory.dispose()} its non-daemon signaling thread keeps the JVM alive.
 */
public final class LibWebRtcEngine implements MediaEngine {
    private static final Logger LOG = Logger.getLogger(LibWebRtcEngine.class.getName());
    static final String STREAM_ID = "kvscam";

    private final EngineOptions options;
    private final AudioDeviceModule adm;
    private final PeerConnectionFactory factory;
    private final CustomVideoSource source;
    private final VideoTrack track;
    private final RawVideoCapture capture;
    private final SdpPort sdp = new RtcSdp(DtlsSetup.ACTIVE);
    private final ScheduledExecutorService timers;
    private final AtomicInteger streaming = new AtomicInteger();
    private final AtomicInteger iceServerCount = new AtomicInteger(-1);
    private boolean closed;

    private LibWebRtcEngine(EngineOptions options) {
        this.options = options;
        // Dummy ADM: a factory without an ADM aborts on a box without sound devices, and the headless ADM's capture
        // thread races pushed audio into a SIGABRT (webrtc-java-notes.md §3). This camera sends video only.
        this.adm = new AudioDeviceModule(AudioLayer.kDummyAudio);
        this.factory = new PeerConnectionFactory(adm);
        this.source = new CustomVideoSource();
        this.track = factory.createVideoTrack("video0", source);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "libwebrtc-timers");
            t.setDaemon(true);
            return t;
        });
        this.capture = new RawVideoCapture(options.captureCommand(), options.width(), options.height(), source,
                () -> streaming.get() > 0);
    }

    /** Loads the native library, creates the factory and starts the raw capture. */
    public static LibWebRtcEngine start(EngineOptions options) {
        LibWebRtcEngine e = new LibWebRtcEngine(options);
        e.capture.start();
        LOG.info("libwebrtc engine started: " + options.width() + "x" + options.height() + " I420 -> OpenH264, max "
                + options.maxBitrateBps() / 1000 + " kbit/s per viewer");
        return e;
    }

    @Override
    public ViewerSession create(String clientId, String offerSdp, SignalingOut out, SessionListener listener) {
        synchronized (this) {
            if (closed) throw new IllegalStateException("libwebrtc engine is closed");
        }
        return new LibWebRtcSession(clientId, offerSdp, out, listener, this);
    }

    EngineOptions options() {
        return options;
    }

    SdpPort sdp() {
        return sdp;
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    VideoTrack track() {
        return track;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** A session started (+1) or stopped (-1) streaming; frames are pushed only while one streams. */
    void streaming(int delta) {
        streaming.addAndGet(delta);
    }

    @Override
    public long framesCaptured() {
        return capture.framesRead();
    }

    /** A fresh configuration per PeerConnection, with the ICE servers KVS gave most recently. */
    RTCConfiguration configuration() {
        RTCConfiguration c = new RTCConfiguration();
        c.iceServers = new ArrayList<>();
        for (IceServer s : options.iceServers().get()) {
            RTCIceServer is = new RTCIceServer();
            is.urls = new ArrayList<>(s.uris());
            is.username = s.username();
            is.password = s.password();
            c.iceServers.add(is);
        }
        int n = c.iceServers.size();
        if (iceServerCount.getAndSet(n) != n) {
            LOG.info("libwebrtc engine: " + n + " ICE server(s) from KVS: " + options.iceServers().get()); // no passwords
        }
        if (options.relayOnly()) c.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
        if (options.minPort() > 0) c.portAllocatorConfig = new PortAllocatorConfig(options.minPort(), options.maxPort(), 0);
        return c;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        capture.close();
        timers.shutdownNow();
        // tracks are not disposed: after pc.close() 0.14.0 always throws "Native object was not deleted" (notes §4)
        try {
            factory.dispose();
        } catch (Error e) { // 0.14.0 throws Error when native references remain (PCs that close() never released)
            LOG.warning("libwebrtc factory dispose: " + e.getMessage());
        }
        try {
            adm.dispose();
        } catch (Error e) {
            LOG.warning("libwebrtc audio module dispose: " + e.getMessage());
        }
        LOG.info("libwebrtc engine stopped");
    }
}
