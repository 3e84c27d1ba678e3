package com.kvscamera.agent.kvs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Holds the ICE configuration and refreshes it in the background, so that an offer never waits for
 * GetIceServerConfig (KVS C SDK issue #818, where a lazy refresh sat on the offer path).
 *
 * <p>Refresh is due at {@code fetchedAt + min(Ttl) - grace}, minus a jitter of up to 10 % of the remaining
 * lifetime so that a fleet does not refresh in lockstep; the previous configuration stays in use until the new
 * one has arrived; failures retry with full-jitter backoff (1 s doubling to 30 s). {@link #refreshNow} serves
 * RECONNECT_ICE_SERVER.
 *
 * <p>Threads: all state changes run on {@code scheduler} (the agent's control thread); the blocking fetch runs on
 * {@code io}; {@link #current()} only reads a volatile field.
 */
public final class IceConfigHolder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IceConfigHolder.class.getName());
    /** Retry schedule for failed fetches; TURN creds last 300 s, so 30 s worst case leaves room for several tries. */
    static final Duration RETRY_BASE = Duration.ofSeconds(1);
    static final Duration RETRY_CAP = Duration.ofSeconds(30);
    /** A Ttl at or below the grace period would refresh continuously; refresh at half the Ttl instead. */
    static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);

    /** Builds a holder around a source (the master supplies the source, the caller the timing). */
    @FunctionalInterface
    public interface Factory {
        IceConfigHolder create(IceConfigSource source);
    }

    /** Notified on the scheduler thread; implementations must not block. */
    public interface Listener {
        default void onRefreshed(IceConfig config, String reason) {}

        default void onRefreshFailed(KvsCallException failure, String reason) {}
    }

    private final IceConfigSource source;
    private final ScheduledExecutorService scheduler;
    private final Executor io;
    private final Clock clock;
    private final Duration grace;
    private final List<IceServer> extraServers;
    private final RandomGenerator random;
    private final Listener listener;
    private final Backoff retry;
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private volatile IceConfig config;
    // fields below: scheduler thread only
    private boolean inFlight;
    private boolean refreshAgain;
    private boolean closed;
    private ScheduledFuture<?> timer;
    private Instant nextRefreshAt;

    public IceConfigHolder(IceConfigSource source, ScheduledExecutorService scheduler, Executor io, Clock clock,
                           Duration grace, List<IceServer> extraServers, RandomGenerator random, Listener listener) {
        this.source = source;
        this.scheduler = scheduler;
        this.io = io;
        this.clock = clock;
        this.grace = grace;
        this.extraServers = List.copyOf(extraServers);
        this.random = random;
        this.listener = listener == null ? new Listener() {} : listener;
        this.retry = new Backoff(RETRY_BASE, RETRY_CAP, random);
    }

    /** Starts the first fetch (in the background). */
    public void start() {
        refreshNow("boot");
    }

    /**
     * The freshest configuration whose TURN credentials are still valid, plus the extra (STUN) servers; never
     * blocks. Empty only before the first successful fetch.
     */
    public Optional<IceConfig> current() {
        IceConfig c = config;
        if (c == null) {
            return Optional.empty();
        }
        IceConfig valid = c.validAt(clock.instant());
        List<IceServer> all = new ArrayList<>(extraServers);
        all.addAll(valid.servers());
        return Optional.of(new IceConfig(all, valid.fetchedAt()));
    }

    /** True when a fetched configuration exists whose TURN credentials stay valid for at least {@code margin}. */
    public boolean hasValid(Duration margin) {
        IceConfig c = config;
        return c != null && (c.minTtl() == null || c.turnValidAt(clock.instant(), margin));
    }

    /** Refresh at once (RECONNECT_ICE_SERVER, boot); coalesced with a fetch already running. Any thread. */
    public void refreshNow(String reason) {
        scheduler.execute(() -> startFetch(reason));
    }

    /**
     * Installs a configuration fetched by someone else (the master's GET_ICE_CONFIG step), and schedules its refresh
     * as if the holder had fetched it. Any thread.
     */
    public void install(IceConfig fresh) {
        scheduler.execute(() -> {
            if (!inFlight) {
                onFetched(fresh, "boot");
            } else if (!closed) {
                // used at once (it may be for a recreated channel the running fetch cannot reach); the running
                // fetch's result follows and schedules the next refresh
                fetches.incrementAndGet();
                config = fresh;
            }
        });
    }

    public long fetchCount() {
        return fetches.get();
    }

    public long failureCount() {
        return failures.get();
    }

    /** When the next scheduled refresh is due (for diagnostics and tests); null when none is scheduled. */
    public Instant nextRefreshAt() {
        return nextRefreshAt;
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            closed = true;
            cancelTimer();
        });
    }

    private void startFetch(String reason) {
        if (closed) {
            return;
        }
        if (inFlight) {
            refreshAgain = refreshAgain || "RECONNECT_ICE_SERVER".equals(reason);
            return;
        }
        cancelTimer();
        inFlight = true;
        io.execute(() -> {
            try {
                IceConfig fresh = source.fetch();
                scheduler.execute(() -> onFetched(fresh, reason));
            } catch (KvsCallException e) {
                scheduler.execute(() -> onFailed(e, reason));
            } catch (RuntimeException e) {
                KvsCallException k = new KvsCallException("GetIceServerConfig", Outcome.FATAL, 0, null,
                        String.valueOf(e), null, e);
                scheduler.execute(() -> onFailed(k, reason));
            }
        });
    }

    private void onFetched(IceConfig fresh, String reason) {
        inFlight = false;
        if (closed) {
            return;
        }
        fetches.incrementAndGet();
        config = fresh;
        retry.reset();
        try {
            listener.onRefreshed(fresh, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ICE listener failed", e);
        }
        if (refreshAgain) {
            refreshAgain = false;
            startFetch("RECONNECT_ICE_SERVER");
            return;
        }
        scheduleAt(refreshDueAt(fresh), "scheduled");
    }

    private void onFailed(KvsCallException e, String reason) {
        inFlight = false;
        if (closed) {
            return;
        }
        failures.incrementAndGet();
        Duration wait = retry.next().plus(Duration.ofMillis(RETRY_BASE.toMillis() / 2));
        LOG.warning(() -> "ICE configuration refresh (" + reason + ") failed, keeping the previous one, retry in "
                + wait.toMillis() + " ms: " + e.getMessage());
        try {
            listener.onRefreshFailed(e, reason);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "ICE listener failed", ex);
        }
        scheduleAt(clock.instant().plus(wait), "retry");
    }

    /** fetchedAt + minTtl - grace - jitter; never earlier than MIN_REFRESH_DELAY from now. */
    Instant refreshDueAt(IceConfig c) {
        Duration ttl = c.minTtl();
        if (ttl == null) {
            // STUN only: nothing expires; refresh slowly in case TURN returns
            ttl = Duration.ofMinutes(5).plus(grace);
        }
        Duration life = ttl.compareTo(grace) > 0 ? ttl.minus(grace) : ttl.dividedBy(2);
        long jitterCeiling = Math.max(1, life.toMillis() / 10);
        Duration jitter = Duration.ofMillis(random.nextLong(jitterCeiling));
        Instant due = c.fetchedAt().plus(life).minus(jitter);
        Instant earliest = clock.instant().plus(MIN_REFRESH_DELAY);
        return due.isBefore(earliest) ? earliest : due;
    }

    private void scheduleAt(Instant at, String reason) {
        cancelTimer();
        nextRefreshAt = at;
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        timer = scheduler.schedule(() -> {
            try {
                nextRefreshAt = null;
                startFetch(reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure in ICE refresh timer", e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        nextRefreshAt = null;
    }
}
