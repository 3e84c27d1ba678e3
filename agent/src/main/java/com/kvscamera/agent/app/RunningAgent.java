package com.kvscamera.agent.app;

import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.aws.CredentialsProviders;
import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.WebRtcConfig;
import com.kvscamera.agent.config.WebRtcEngine;
import com.kvscamera.agent.device.DeviceIntegration;
import com.kvscamera.agent.kvs.TlsTrust;
import com.kvscamera.agent.media.CaptureOptions;
import com.kvscamera.agent.media.CaptureProcess;
import com.kvscamera.agent.media.CaptureSource;
import com.kvscamera.agent.media.CaptureSupervisor;
import com.kvscamera.agent.media.FileSource;
import com.kvscamera.agent.media.FrameFanout;
import com.kvscamera.agent.media.MediaClock;
import com.kvscamera.agent.media.Scheduler;
import com.kvscamera.agent.media.Ticker;
import com.kvscamera.agent.session.FanoutFeed;
import com.kvscamera.agent.session.MediaEngine;
import com.kvscamera.agent.session.MediaEngines;
import com.kvscamera.agent.session.PeerSessions;
import com.kvscamera.agent.session.RtcSdp;
import com.kvscamera.agent.session.RtcTransports;
import com.kvscamera.agent.session.SessionManager;
import com.kvscamera.agent.session.SessionWarmup;
import com.kvscamera.agent.signaling.SignalingMaster;
import com.kvscamera.rtc.dtls.DtlsCertificate;
import com.kvscamera.rtc.dtls.DtlsCertificateStore;
import com.kvscamera.rtc.dtls.DtlsSettings;
import com.kvscamera.rtc.sdp.DtlsSetup;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import com.kvscamera.rtc.ice.IceServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The agent wired as {@code run} starts it: credentials → signaling master → session manager → peer sessions,
 * fed by the capture pipeline through the fan-out; the device side (systemd notify and watchdog, status LED, privacy
 * switch) follows the signaling and session events. {@link #close()} stops it in the reverse order: no new offers,
 * then the viewers, then the capture process tree, then the timers.
 */
public final class RunningAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunningAgent.class.getName());
    static final long STATUS_INTERVAL_SECONDS = 30;

    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService dtlsEvents;
    private final CredentialsProvider credentials;
    private final FrameFanout fanout;
    private final CaptureSupervisor capture;
    private final SessionManager sessions;
    private final SignalingMaster signaling;
    private final DeviceIntegration device;
    private final StatusLine status;
    /** The optional engine (webrtc.engine other than passthrough), or null. */
    private final MediaEngine engine;
    private final List<AutoCloseable> started = new ArrayList<>();

    private RunningAgent(AgentConfig cfg, Map<String, String> env, Path home, Clock clock) throws Exception {
        WebRtcConfig w = cfg.webrtc();
        // another engine (libwebrtc) comes from its own jar and runs its own capture; see MediaEngines
        boolean passthrough = w.engine() == WebRtcEngine.PASSTHROUGH;
        AtomicInteger n = new AtomicInteger();
        timers = new ScheduledThreadPoolExecutor(2, r -> daemon(r, "agent-timers-" + n.incrementAndGet()));
        timers.setRemoveOnCancelPolicy(true);
        started.add(timers::shutdownNow);
        dtlsEvents = Executors.newSingleThreadExecutor(r -> daemon(r, "session-dtls-events"));
        started.add(dtlsEvents::shutdownNow);
        try {
            credentials = CredentialsProviders.create(cfg.aws().credentials(), env, home, clock, timers);
            if (credentials instanceof AutoCloseable c) started.add(c);

            Ticker ticker = Ticker.system();
            Scheduler scheduler = Scheduler.of(timers);
            fanout = new FrameFanout(ticker);
            CaptureOptions co = ConfigMapping.capture(cfg);
            MediaClock mediaClock = new MediaClock(ticker);
            SecureRandom random = new SecureRandom();
            CaptureSource source = null;
            if (passthrough) {
                source = co.file() != null
                        ? FileSource.open(co.file(), co.frameRate(), mediaClock, scheduler)
                        : new CaptureProcess(co.command(), mediaClock, scheduler);
                capture = new CaptureSupervisor(source, fanout, co.frameTimeout(), co.restartBackoffMax(), scheduler,
                        random::nextDouble);
                capture.start();
                started.add(capture);
            } else {
                capture = null;
            }

            SSLContext trust = cfg.aws().caCertificate() == null ? null : TlsTrust.context(cfg.aws().caCertificate());
            DtlsCertificate certificate = DtlsCertificateStore.loadOrCreate(w.stateDirectory(), clock, random);
            AtomicReference<SignalingMaster> master = new AtomicReference<>();
            Supplier<List<IceServer>> iceServers = () -> {
                SignalingMaster m = master.get();
                return m == null ? List.of()
                        : ConfigMapping.iceServers(m.iceConfig(), w.turnTransports(), w.maxTurnServers(), random);
            };
            RtcTransports transports = new RtcTransports(ConfigMapping.ice(w, trust), iceServers,
                    DtlsSettings.defaults().withMtu(w.mtu()), certificate, clock, timers, dtlsEvents);
            RtcSdp sdp = new RtcSdp(DtlsSetup.ACTIVE);
            if (passthrough) {
                engine = null;
                sessions = new SessionManager(ConfigMapping.sessions(w), new PeerSessions(ConfigMapping.sessions(w),
                        sdp, transports, new FanoutFeed(fanout), ConfigMapping.maxRtpPayload(w), timers, clock));
                timers.execute(() -> SessionWarmup.run(sdp, transports));
            } else {
                engine = MediaEngines.start(w.engine().configName(), new MediaEngine.Context(ConfigMapping.sessions(w),
                        co.command(), iceServers, w.relayOnly(), w.portRange().first(), w.portRange().last()));
                started.add(engine); // closed after the sessions (reverse order)
                sessions = new SessionManager(ConfigMapping.sessions(w), engine);
            }
            started.add(sessions);

            // the control thread is ours so that the systemd watchdog ticks on it: a stuck control loop stops pings
            ScheduledThreadPoolExecutor control = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "agent-control"));
            control.setRemoveOnCancelPolicy(true);
            started.add(control::shutdownNow);
            device = DeviceIntegration.start(cfg.device(), env, sessions::setPrivacy);
            started.add(device);
            sessions.addListener(device::onSession);

            signaling = SignalingMaster.builder(ConfigMapping.signaling(cfg), credentials, sessions).clock(clock)
                    .controlScheduler(control).build();
            master.set(signaling);
            started.add(signaling);
            signaling.addListener(device::onSignaling);
            signaling.start();
            device.scheduleWatchdog(control, passthrough ? () -> capture.stats().snapshot().frames()
                    : engine::framesCaptured, ticker);

            status = passthrough ? new StatusLine(signaling, sessions, capture) : null;
            timers.scheduleAtFixedRate(this::logStatus, STATUS_INTERVAL_SECONDS, STATUS_INTERVAL_SECONDS,
                    TimeUnit.SECONDS);
            LOG.info("agent running: channel " + cfg.channel().name() + (passthrough
                    ? ", capture " + source.describe() + ", DTLS fingerprint " + certificate.fingerprint().toSdp()
                    : ", engine " + w.engine().configName()));
        } catch (Exception | Error e) {
            closeAll();
            throw e;
        }
    }

    /** Builds and starts everything; on failure, what was started is stopped again before the error is thrown. */
    public static RunningAgent start(AgentConfig cfg, Map<String, String> env, Path home, Clock clock) throws Exception {
        return new RunningAgent(cfg, env, home, clock);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public SignalingMaster signaling() {
        return signaling;
    }

    public FrameFanout fanout() {
        return fanout;
    }

    /** The one-line status that is also logged every {@value #STATUS_INTERVAL_SECONDS} s. */
    public String statusLine() {
        if (status != null) return status.line();
        return "status: signaling=" + signaling.status().state() + " viewers=" + sessions.viewers() + " sessions="
                + sessions.sessionsStarted() + " refused=" + sessions.offersRefused() + " engine frames="
                + engine.framesCaptured();
    }

    private void logStatus() {
        if (status != null) {
            status.log();
            return;
        }
        try {
            LOG.info(statusLine());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status line failed", e);
        }
    }

    @Override
    public void close() {
        LOG.info("agent stopping");
        device.stopping(); // systemd hears STOPPING=1 before anything is torn down
        closeAll();
        LOG.info("agent stopped");
    }

    /** Reverse start order: signaling (no new offers), device (LED off), sessions, capture, credentials, executors. */
    private void closeAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "error while stopping", e);
            }
        }
        started.clear();
    }
}
