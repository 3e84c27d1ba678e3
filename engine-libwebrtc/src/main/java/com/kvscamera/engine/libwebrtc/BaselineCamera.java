package com.kvscamera.engine.libwebrtc;

import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.aws.CredentialsProviders;
import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.ConfigLoader;
import com.kvscamera.agent.config.SignalingConfig;
import com.kvscamera.agent.config.TurnTransport;
import com.kvscamera.agent.config.WebRtcConfig;
import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.agent.log.Logging;
import com.kvscamera.agent.session.SessionManager;
import com.kvscamera.agent.session.SessionSettings;
import com.kvscamera.agent.signaling.SignalingMaster;
import com.kvscamera.agent.signaling.SignalingOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * {@code java -cp kvs-camera-agent.jar:kvs-engine-libwebrtc.jar com.kvscamera.engine.libwebrtc.BaselineCamera
 * --config FILE}: the agent's signaling master and session manager over the libwebrtc engine, as a process of its
 * own (the benchmark's baseline camera). {@code capture.command} must write raw I420 frames. It wires the same
 * parts as the agent's {@code RunningAgent}, whose option mapping is package-private, hence the copy of
 * {@link #signaling}. Runs until SIGTERM.
 */
public final class BaselineCamera {
    private static final Logger LOG = Logger.getLogger(BaselineCamera.class.getName());

    private BaselineCamera() {}

    public static void main(String[] args) throws Exception {
        Logging.install(System.getenv());
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: BaselineCamera --config FILE");
            System.exit(2);
        }
        AgentConfig cfg = new ConfigLoader(System.getenv()).load(Path.of(args[1]));
        WebRtcConfig w = cfg.webrtc();
        Clock clock = Clock.systemUTC();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "agent-timers");
            t.setDaemon(true);
            return t;
        });
        CredentialsProvider credentials = CredentialsProviders.create(cfg.aws().credentials(), System.getenv(),
                Path.of(System.getProperty("user.home")), clock, timers);
        SessionSettings settings = SessionSettings.defaults().withMaxViewers(w.maxViewers())
                .withGatherTimeout(w.gatherTimeout());
        AtomicReference<SignalingMaster> master = new AtomicReference<>();
        int[] size = EngineOptions.frameSize(cfg.capture().command(), System.getProperty(EngineOptions.SIZE_PROPERTY));
        LibWebRtcEngine engine = LibWebRtcEngine.start(new EngineOptions(settings, cfg.capture().command(), size[0],
                size[1], () -> iceServers(master.get(), w.turnTransports()), w.relayOnly(),
                w.portRange().first(), w.portRange().last(), EngineOptions.DEFAULT_MAX_BITRATE));
        SessionManager sessions = new SessionManager(settings, engine);
        SignalingMaster signaling = SignalingMaster.builder(signaling(cfg), credentials, sessions).clock(clock).build();
        master.set(signaling);
        signaling.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signaling.close();
            sessions.close();
            engine.close();
            if (credentials instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
            timers.shutdownNow();
            stopped.countDown();
        }, "baseline-shutdown"));
        LOG.info("baseline camera running: channel " + cfg.channel().name() + ", engine libwebrtc");
        stopped.await();
    }

    /** The current KVS ICE servers, keeping the TURN transports {@code webrtc.turnTransports} allows. */
    static List<IceServer> iceServers(SignalingMaster m, List<TurnTransport> allowed) {
        List<IceServer> out = new ArrayList<>();
        if (m == null || m.iceConfig().isEmpty()) return out;
        for (IceServer s : m.iceConfig().get().servers()) {
            List<String> uris = new ArrayList<>();
            for (String uri : s.uris()) {
                String u = uri.toLowerCase(Locale.ROOT);
                TurnTransport t = u.startsWith("turns:") ? TurnTransport.TLS
                        : u.contains("transport=tcp") ? TurnTransport.TCP : TurnTransport.UDP;
                if (!s.isTurn() || allowed.contains(t)) uris.add(uri);
            }
            if (!uris.isEmpty()) out.add(new IceServer(uris, s.username(), s.password(), s.ttl()));
        }
        return out;
    }

    static SignalingOptions signaling(AgentConfig cfg) {
        SignalingConfig s = cfg.signaling();
        SignalingOptions d = SignalingOptions.defaults(cfg.aws().region(), cfg.channel().name());
        return new SignalingOptions(cfg.aws().region(), cfg.aws().endpoint(), cfg.channel().name(),
                cfg.channel().arn(), cfg.channel().create(), s.clientId(), s.rotateAfter(), d.rotateJitter(),
                s.pingInterval(), s.pongTimeout(), s.iceRefreshGrace(), d.connectTimeout(), d.requestTimeout(),
                d.backoffBase(), d.backoffCap(), d.backoffResetAfter(), d.candidateBufferTtl(), d.answersPerSecond(),
                d.candidatesPerSecond(), cfg.aws().caCertificate());
    }
}
