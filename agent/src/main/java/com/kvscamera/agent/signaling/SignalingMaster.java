package com.kvscamera.agent.signaling;

import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.kvs.ClockOffset;
import com.kvscamera.agent.kvs.ControlPlaneClient;
import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.kvs.IceConfigClient;
import com.kvscamera.agent.kvs.IceConfigHolder;
import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.agent.kvs.KvsAuth;
import com.kvscamera.agent.kvs.KvsCallException;
import com.kvscamera.agent.kvs.KvsEndpoints;
import com.kvscamera.agent.kvs.KvsHttpClient;
import com.kvscamera.agent.kvs.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * The KVS signaling master: discovers the channel, keeps ICE configuration fresh in the background, keeps one
 * signaling WebSocket serving across rotations, GO_AWAY, drops and credential/clock trouble, and hands offers
 * to an {@link OfferHandler}. Start once, stop once.
 *
 * <p>Threads: "agent-control" owns all state; "agent-signaling-io-N" does blocking HTTPS/credential work;
 * "agent-signaling-dispatch" calls the OfferHandler; "agent-signaling-events" calls event listeners.
 */
public final class SignalingMaster implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SignalingMaster.class.getName());
    /** Two so that a slow ICE refresh never delays a reconnect step. */
    static final int IO_THREADS = 2;

    private final SignalingController controller;
    private final ScheduledExecutorService controlExecutor;
    private final List<Consumer<SignalingEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> owned = new ArrayList<>();
    private final AtomicInteger lifecycle = new AtomicInteger();
    private final boolean ownsControl;

    private SignalingMaster(Builder b) throws IOException, GeneralSecurityException {
        SignalingOptions o = b.options;
        Clock clock = b.clock;
        RandomGenerator random = b.random;
        ScheduledExecutorService control = b.control;
        if (control == null) {
            ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, named("agent-control", false));
            stpe.setRemoveOnCancelPolicy(true);
            stpe.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            control = stpe;
        }
        this.ownsControl = b.control == null;
        this.controlExecutor = control;
        ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, named("agent-signaling-io", true));
        ExecutorService dispatch = Executors.newSingleThreadExecutor(named("agent-signaling-dispatch", false));
        ExecutorService events = Executors.newSingleThreadExecutor(named("agent-signaling-events", false));
        owned.add(io);
        owned.add(dispatch);
        owned.add(events);

        SSLContext tls = TlsTrust.context(o.extraCaPem());
        KvsAuth auth = new KvsAuth(o.region(), b.credentials, new ClockOffset(clock));
        KvsHttpClient http = new KvsHttpClient(tls, auth, o.connectTimeout(), o.requestTimeout());
        URI cp = o.controlPlaneEndpoint() != null ? o.controlPlaneEndpoint() : KvsEndpoints.controlPlane(o.region());
        List<IceServer> extra = KvsEndpoints.isRealAws(cp)
                ? List.of(IceServer.stun(KvsEndpoints.regionalStun(o.region()))) : List.of();
        ScheduledExecutorService ctl = control;
        IceConfigHolder.Listener iceLog = new IceConfigHolder.Listener() {
            @Override
            public void onRefreshed(IceConfig config, String reason) {
                LOG.fine(() -> "ICE configuration refreshed (" + reason + "): " + config.servers().size()
                        + " servers, shortest Ttl " + config.minTtl());
            }

            @Override
            public void onRefreshFailed(KvsCallException failure, String reason) {
                // logged by the holder
            }
        };
        this.controller = new SignalingController(o, auth, new ControlPlaneClient(http, cp),
                new IceConfigClient(http, clock),
                source -> new IceConfigHolder(source, ctl, io, clock, o.iceRefreshGrace(), extra, random, iceLog),
                tls.getSocketFactory(), clock, control, io, dispatch, events, random, b.handler, this::fanOut);
    }

    public static Builder builder(SignalingOptions options, CredentialsProvider credentials, OfferHandler handler) {
        return new Builder(options, credentials, handler);
    }

    /** Starts discovery and connection in the background; returns at once. */
    public void start() {
        if (!lifecycle.compareAndSet(0, 1)) {
            throw new IllegalStateException("SignalingMaster can be started once");
        }
        controller.start();
    }

    /** Closes the WebSocket (1000) and stops every thread this master created. Idempotent. */
    public void stop() {
        int was = lifecycle.getAndSet(2);
        if (was == 2) {
            return;
        }
        if (was == 1) {
            var stopped = controller.stop();
            if (ownsControl) {
                // let the control thread close the sockets before the threads it reports to go away; a
                // caller-owned scheduler (tests) runs the stop when the caller next runs its due work
                try {
                    stopped.get(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    LOG.warning("signaling did not stop cleanly within 3 s: " + e);
                }
            }
        }
        if (ownsControl) {
            owned.add(0, controlExecutor);
        }
        for (ExecutorService e : owned) {
            e.shutdown();
        }
        for (ExecutorService e : owned) {
            try {
                if (!e.awaitTermination(3, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                e.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public void addListener(Consumer<SignalingEvent> listener) {
        listeners.add(listener);
    }

    public SignalingStatus status() {
        return controller.status();
    }

    /** The freshest still-valid ICE configuration (TURN from KVS, plus regional STUN on real AWS); never blocks. */
    public Optional<IceConfig> iceConfig() {
        return controller.ice().current();
    }

    private void fanOut(SignalingEvent e) {
        for (Consumer<SignalingEvent> l : listeners) {
            l.accept(e);
        }
    }

    private static ThreadFactory named(String prefix, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? prefix + "-" + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }

    /** Construction with the defaults a device uses; tests inject clock, scheduler and randomness. */
    public static final class Builder {
        private final SignalingOptions options;
        private final CredentialsProvider credentials;
        private final OfferHandler handler;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new java.util.SplittableRandom();
        private ScheduledExecutorService control;

        private Builder(SignalingOptions options, CredentialsProvider credentials, OfferHandler handler) {
            this.options = options;
            this.credentials = credentials;
            this.handler = handler;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        /** A caller-owned control scheduler (single thread); the master will not shut it down. */
        public Builder controlScheduler(ScheduledExecutorService s) {
            this.control = s;
            return this;
        }

        public SignalingMaster build() throws IOException, GeneralSecurityException {
            return new SignalingMaster(this);
        }
    }
}
