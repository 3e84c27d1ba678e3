package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.ControlTasks.cancel;
import static com.kvscamera.agent.signaling.ControlTasks.guarded;

import com.kvscamera.agent.kvs.Backoff;
import com.kvscamera.agent.kvs.ChannelEndpoints;
import com.kvscamera.agent.kvs.ControlPlaneClient;
import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.kvs.IceConfigClient;
import com.kvscamera.agent.kvs.IceConfigHolder;
import com.kvscamera.agent.kvs.KvsAuth;
import com.kvscamera.agent.kvs.KvsCallException;
import com.kvscamera.agent.kvs.Outcome;
import com.kvscamera.agent.kvs.OutcomeClassifier;
import com.kvscamera.agent.signaling.Decision.Action;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLSocketFactory;

/**
 * Drives {@link Lifecycle} against the real world. Every field is owned by the control thread ("agent-control");
 * blocking work (credentials, HTTPS, presign) runs on {@code io} and hands its result back with the step's
 * generation, so a late result of an abandoned step is ignored; WebSocket callbacks are forwarded the same way.
 */
final class SignalingController implements WssConnection.Listener {
    private static final Logger LOG = Logger.getLogger(SignalingController.class.getName());
    /** NOW decisions in a row without reaching CONNECTED before NOW is treated as BACKOFF: never a hot loop. */
    static final int MAX_IMMEDIATE_STEPS = 12;
    /**
     * How often temporary credentials are checked in the background, so that a rotation or reconnect never waits
     * for a credentials fetch (refetched when within KvsAuth's expiry margin).
     */
    static final Duration CREDENTIALS_CHECK = Duration.ofMinutes(1);

    private final SignalingOptions opts;
    private final KvsAuth auth;
    private final DiscoverySteps steps;
    private final DiscoverySteps.Results results;
    private final IceConfigHolder ice;
    private final Clock clock;
    private final ScheduledExecutorService control;
    private final Executor io;
    private final Executor events;
    private final RandomGenerator random;
    private final Consumer<SignalingEvent> listener;
    private final Backoff backoff;
    private final OutboundWriter writer;
    private final InboundRouter router;
    private final MasterSockets sockets;
    final SignalingStats stats = new SignalingStats();

    private LinkState state = LinkState.DESCRIBE;
    private long generation;
    private int connectFailures;
    private int authFailures;
    private int immediateSteps;
    private String reconnectReason = "boot";
    private ScheduledFuture<?> stepTimer;
    private ScheduledFuture<?> rotateTimer;
    private ScheduledFuture<?> resetTimer;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> credentialsTimer;

    SignalingController(SignalingOptions opts, KvsAuth auth, ControlPlaneClient controlPlane, IceConfigClient iceClient,
                        IceConfigHolder.Factory iceFactory, SSLSocketFactory tls, Clock clock,
                        ScheduledExecutorService control, Executor io, Executor dispatch, Executor events,
                        RandomGenerator random, OfferHandler handler, Consumer<SignalingEvent> listener) {
        this.opts = opts;
        this.auth = auth;
        this.steps = new DiscoverySteps(opts, auth, controlPlane, iceClient, control, io);
        this.results = new DiscoverySteps.Results() {
            @Override
            public void stepDone(long gen, Outcome outcome, String detail) {
                SignalingController.this.stepDone(gen, outcome, detail);
            }

            @Override
            public void presigned(long gen, URI url) {
                openSocket(gen, url);
            }
        };
        this.clock = clock;
        this.control = control;
        this.io = io;
        this.events = events;
        this.random = random;
        this.listener = listener;
        this.backoff = new Backoff(opts.backoffBase(), opts.backoffCap(), random);
        this.writer = new OutboundWriter(opts.answersPerSecond(), opts.candidatesPerSecond(), clock, control);
        this.router = new InboundRouter(handler, new QueuedSignalingOut(control, writer), dispatch, opts.candidateBufferTtl(), clock);
        this.sockets = new MasterSockets(opts, tls, clock, control, writer, stats, this);
        this.ice = iceFactory.create(this::fetchIceInBackground);
        steps.ice(ice);
    }

    IceConfigHolder ice() {
        return ice;
    }

    void start() {
        control.execute(() -> {
            long period = opts.pingInterval().toMillis();
            pingTimer = control.scheduleAtFixedRate(guarded("ping", this::pingTick), period, period, TimeUnit.MILLISECONDS);
            long check = CREDENTIALS_CHECK.toMillis();
            credentialsTimer = control.scheduleAtFixedRate(guarded("credentials", () -> io.execute(() -> {
                try {
                    auth.credentials("background credentials refresh");
                } catch (KvsCallException e) {
                    LOG.warning(e.getMessage());
                }
            })), check, check, TimeUnit.MILLISECONDS);
            publish();
            runStep(LinkState.DESCRIBE);
        });
    }

    /** Completes when the control thread has closed everything. */
    java.util.concurrent.CompletableFuture<Void> stop() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        control.execute(() -> {
            try {
                apply(Trigger.STOP, "stopped by the agent");
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    // ---------------------------------------------------------------- steps

    private void runStep(LinkState s) {
        long gen = ++generation;
        stepTimer = null;
        state = s;
        publish();
        steps.run(s, gen, results);
    }

    private void stepDone(long gen, Outcome outcome, String detail) {
        if (gen != generation || state == LinkState.STOPPED) {
            return;
        }
        authFailures = outcome == Outcome.UNAUTHORIZED ? authFailures + 1 : 0;
        if (outcome != Outcome.OK) {
            stats.failures.incrementAndGet();
            if (state == LinkState.CONNECT) {
                connectFailures++;
            }
            LOG.warning(() -> state + " failed: " + detail);
        }
        apply(Trigger.of(outcome), detail == null ? state + " " + outcome : detail);
    }

    /**
     * The holder's source. A 404 means the channel behind the cached endpoints is gone (deleted, recreated under a
     * new ARN): the holder alone would retry the dead endpoint forever, so the lifecycle rediscovers the channel.
     */
    private IceConfig fetchIceInBackground() throws KvsCallException {
        ChannelEndpoints ep = steps.endpoints();
        try {
            return steps.fetchIce(ep);
        } catch (KvsCallException e) {
            if (e.outcome() == Outcome.NOT_FOUND) {
                control.execute(() -> {
                    // a late answer about endpoints that were already replaced says nothing about the current ones
                    if (ep == steps.endpoints() && state != LinkState.STOPPED) {
                        apply(Trigger.ICE_CONFIG_NOT_FOUND, "GetIceServerConfig 404 for " + ep.channelArn());
                    }
                });
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- decisions

    private void apply(Trigger trigger, String reason) {
        LinkState from = state;
        Decision d = Lifecycle.next(from, trigger, new Lifecycle.Facts(opts.createChannel(), connectFailures, authFailures));
        if (trigger != Trigger.OK) {
            // a failed step's reason was logged by stepDone; socket events carry theirs here
            boolean stepOutcome = from != LinkState.CONNECTED && trigger.isStepOutcome();
            LOG.info(() -> Lifecycle.describe(from, trigger, d) + (stepOutcome ? "" : " (" + reason + ")"));
        }
        for (Action a : d.actions()) {
            switch (a) {
                case INVALIDATE_CREDENTIALS -> auth.invalidateCredentials();
                case INVALIDATE_ENDPOINT -> {
                    steps.invalidate(trigger == Trigger.NOT_FOUND || trigger == Trigger.ICE_CONFIG_NOT_FOUND);
                    connectFailures = 0;
                }
                case REFRESH_ICE -> ice.refreshNow(trigger == Trigger.RECONNECT_ICE_SERVER ? "RECONNECT_ICE_SERVER" : reason);
                case CLOSE_SOCKET -> sockets.closeLive(trigger == Trigger.STOP ? 1000 : 1006, reason);
                case REPORT_ERROR -> emit(new SignalingEvent.Problem(trigger == Trigger.UNAUTHORIZED
                        ? "KVS rejects the credentials (" + authFailures + " times in a row; check the access key, secret and clock): " + reason
                        : reason));
                case KEEP_OLD_SOCKET -> { }
                default -> { }
            }
        }
        if (from == LinkState.CONNECTED && d.next() != LinkState.CONNECTED) {
            cancel(rotateTimer);
            cancel(resetTimer);
            reconnectReason = reason;
            stats.reconnects.incrementAndGet();
            emit(new SignalingEvent.Reconnecting(reason));
        }
        if (d.next() == LinkState.STOPPED) {
            shutdown();
            return;
        }
        state = d.next();
        publish();
        if (d.when() == Decision.Wait.NONE) {
            return;
        }
        cancel(stepTimer);
        generation++; // abandon whatever step was running
        // a connect still in flight belongs to the abandoned step
        sockets.abortAttempt("superseded by " + d.next());
        Duration delay = switch (d.when()) {
            case NOW -> ++immediateSteps > MAX_IMMEDIATE_STEPS ? backoff.next() : Duration.ZERO;
            case BACKOFF -> backoff.next();
            case SLOW -> backoff.slow();
            default -> Duration.ZERO;
        };
        LinkState target = d.next();
        if (delay.isZero()) {
            runStep(target);
        } else {
            stepTimer = control.schedule(guarded("step", () -> runStep(target)), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- sockets

    private void openSocket(long gen, URI presigned) {
        if (gen != generation || state != LinkState.CONNECT) {
            return;
        }
        sockets.open(presigned);
    }

    @Override
    public void onOpen(WssConnection c) {
        control.execute(() -> {
            if (!sockets.isAttempt(c) || state != LinkState.CONNECT) {
                c.close(1000, "superseded");
                return;
            }
            sockets.promote(c);
            connectFailures = 0;
            immediateSteps = 0;
            stats.connects.incrementAndGet();
            stats.lastConnectedAt = clock.instant();
            apply(Trigger.OK, "connected");
            Duration jitter = opts.rotateJitter().isZero() ? Duration.ZERO
                    : Duration.ofMillis(random.nextLong(opts.rotateJitter().toMillis() + 1));
            Duration rotateIn = opts.rotateAfter().plus(jitter);
            rotateTimer = control.schedule(guarded("rotation", () -> {
                if (sockets.isLive(c) && state == LinkState.CONNECTED) {
                    apply(Trigger.ROTATE_DUE, "rotation " + rotateIn.toMillis() + " ms after connect");
                }
            }), rotateIn.toMillis(), TimeUnit.MILLISECONDS);
            resetTimer = control.schedule(guarded("backoff reset", backoff::reset),
                    opts.backoffResetAfter().toMillis(), TimeUnit.MILLISECONDS);
            String cause = reconnectReason;
            reconnectReason = "reconnect";
            LOG.info(() -> "signaling connected as master to " + c.host() + " (" + cause + ")");
            ChannelEndpoints ep = steps.endpoints();
            emit(new SignalingEvent.Connected(ep == null ? null : ep.wss(), clock.instant(), cause));
        });
    }

    @Override
    public void onText(WssConnection c, String text) {
        control.execute(() -> {
            Inbound m = MessageCodec.decode(text);
            if (m instanceof Inbound.Offer o) {
                router.offer(o);
            } else if (m instanceof Inbound.Candidate cand) {
                router.candidate(cand);
            } else if (m instanceof Inbound.GoAway) {
                if (sockets.isLive(c)) {
                    apply(Trigger.GO_AWAY, "GO_AWAY from " + c.host());
                }
            } else if (m instanceof Inbound.ReconnectIceServer) {
                apply(Trigger.RECONNECT_ICE_SERVER, "RECONNECT_ICE_SERVER");
            } else if (m instanceof Inbound.StatusResponse s) {
                boolean throttled = s.errorType() != null && s.errorType().startsWith("ClientLimitExceeded");
                boolean resent = throttled && writer.resendThrottled(s.correlationId());
                LOG.warning(() -> "KVS could not deliver message " + s.correlationId() + ": " + s.errorType() + " "
                        + s.statusCode() + (s.description() == null ? "" : " " + s.description())
                        + (resent ? "; sending it again" : ""));
            } else if (m instanceof Inbound.Rejected r) {
                router.rejected(r);
            } else if (m instanceof Inbound.Ignored i) {
                LOG.fine(() -> "ignored signaling frame: " + i.why());
            }
        });
    }

    @Override
    public void onPong(WssConnection c) {
        control.execute(() -> sockets.pong(c));
    }

    @Override
    public void onClosed(WssConnection c, int code, String reason, boolean remote, int upgradeStatus, Exception error) {
        control.execute(() -> {
            String why = "close " + code + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + (error == null ? "" : " (" + error.getClass().getSimpleName() + ": " + error.getMessage() + ")");
            if (sockets.isAttempt(c)) {
                sockets.attemptEnded();
                Outcome o = upgradeStatus > 0 ? OutcomeClassifier.classifyUpgrade(upgradeStatus)
                        : error != null ? OutcomeClassifier.classify(error) : Outcome.TRANSIENT;
                stepDone(generation, o, "connect to " + c.host() + " failed: " + why);
            } else if (sockets.isLive(c)) {
                sockets.liveEnded();
                if (state == LinkState.CONNECTED) {
                    emit(new SignalingEvent.Disconnected(why));
                }
                apply(code == 1001 || (remote && code == 1000) ? Trigger.CLOSED_1001 : Trigger.DROPPED, why);
            }
        });
    }

    private void pingTick() {
        if (state == LinkState.STOPPED) {
            return;
        }
        // also while already reconnecting: dropping the dead socket makes the writer wait for the new one
        String dead = sockets.pingOrTimeout();
        if (dead != null) {
            apply(Trigger.PONG_TIMEOUT, dead);
        }
    }

    private void shutdown() {
        state = LinkState.STOPPED;
        generation++;
        cancel(stepTimer);
        cancel(rotateTimer);
        cancel(resetTimer);
        cancel(pingTimer);
        cancel(credentialsTimer);
        sockets.closeLive(1000, "agent stopping");
        sockets.abortAttempt("agent stopping");
        ice.close();
        publish();
        emit(new SignalingEvent.Stopped());
    }

    // ---------------------------------------------------------------- plumbing

    private void publish() {
        stats.state = state;
    }

    SignalingStatus status() {
        return new SignalingStatus(stats.state, stats.connects.get(), stats.connectAttempts.get(),
                stats.rotations.get(), stats.reconnects.get(), stats.failures.get(), stats.lastConnectedAt,
                router.offers.get(), router.candidates.get(), router.rejected.get(), writer.sentAnswers(),
                writer.sentCandidates(), writer.pending(), ice.fetchCount(), ice.failureCount(),
                auth.clock().offset(), stats.pongs.get(), stats.awaitingPong);
    }

    private void emit(SignalingEvent e) {
        try {
            events.execute(() -> {
                try {
                    listener.accept(e);
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "signaling event listener failed on " + e, ex);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            LOG.fine(() -> "event after stop dropped: " + e);
        }
    }
}
