package com.kvscamera.agent.signaling;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * The live signaling socket and the one being opened next to it (connect, rotation, GO_AWAY overlap), with the
 * ping/pong bookkeeping of the live one. Control thread only; what a socket event means for the link is decided
 * by {@link SignalingController}.
 */
final class MasterSockets {
    /** Grace for the TLS + upgrade exchange on top of the TCP connect timeout. */
    static final Duration UPGRADE_GRACE = Duration.ofSeconds(3);
    /**
     * After a rotation the old socket stays open this long, so frames the service sent it just before the switch
     * are still read; then it is closed with 1000.
     */
    static final Duration OLD_SOCKET_GRACE = Duration.ofMillis(500);

    private final SignalingOptions opts;
    private final SSLSocketFactory tls;
    private final Clock clock;
    private final ScheduledExecutorService control;
    private final OutboundWriter writer;
    private final SignalingStats stats;
    private final WssConnection.Listener listener;

    private WssConnection live;
    private WssConnection attempt;
    private long socketIds;
    private Instant lastPongAt;
    private long pongsOk;

    MasterSockets(SignalingOptions opts, SSLSocketFactory tls, Clock clock, ScheduledExecutorService control,
                  OutboundWriter writer, SignalingStats stats, WssConnection.Listener listener) {
        this.opts = opts;
        this.tls = tls;
        this.clock = clock;
        this.control = control;
        this.writer = writer;
        this.stats = stats;
        this.listener = listener;
    }

    boolean isLive(WssConnection c) {
        return c == live;
    }

    boolean isAttempt(WssConnection c) {
        return c == attempt;
    }

    /** Opens a new connection attempt, aborted if the upgrade has not completed within the connect timeout + grace. */
    void open(URI presigned) {
        WssConnection c = new WssConnection(++socketIds, presigned, tls, (int) opts.connectTimeout().toMillis(), listener);
        attempt = c;
        stats.connectAttempts.incrementAndGet();
        c.connect();
        long watchdog = opts.connectTimeout().plus(UPGRADE_GRACE).toMillis();
        control.schedule(ControlTasks.guarded("connect watchdog", () -> {
            if (attempt == c && !c.isOpen()) {
                c.abort("no upgrade within " + watchdog + " ms");
            }
        }), watchdog, TimeUnit.MILLISECONDS);
    }

    /**
     * The attempt is open: it becomes the live socket and the writer's target. A previous live socket (rotation,
     * GO_AWAY) is closed with 1000 after {@link #OLD_SOCKET_GRACE}.
     */
    void promote(WssConnection c) {
        attempt = null;
        WssConnection old = live;
        live = c;
        writer.attach(c::send);
        lastPongAt = clock.instant();
        pongsOk = 0;
        stats.awaitingPong = false;
        if (old != null) {
            stats.rotations.incrementAndGet();
            control.schedule(() -> old.close(1000, "replaced by a new connection"),
                    OLD_SOCKET_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void pong(WssConnection c) {
        if (c == live) {
            lastPongAt = clock.instant();
            pongsOk++;
            stats.pongs.incrementAndGet();
            stats.awaitingPong = false;
        }
    }

    /** Pings the live socket; returns why it counts as dead when no pong came within the pong timeout, else null. */
    String pingOrTimeout() {
        WssConnection c = live;
        if (c == null) {
            return null;
        }
        Duration silent = Duration.between(lastPongAt, clock.instant());
        if (silent.compareTo(opts.pongTimeout()) >= 0) {
            return "no pong in " + silent.toSeconds() + "s after " + pongsOk + " ok";
        }
        stats.awaitingPong = true;
        c.ping();
        return null;
    }

    /** The attempt ended without opening (its close was reported). */
    void attemptEnded() {
        attempt = null;
    }

    /** The live socket closed on its own. */
    void liveEnded() {
        live = null;
        writer.detach();
    }

    void abortAttempt(String reason) {
        if (attempt != null) {
            attempt.abort(reason);
            attempt = null;
        }
    }

    /** Closes the live socket: 1006 aborts it (dead peer), anything else is an orderly close with that code. */
    void closeLive(int code, String reason) {
        WssConnection c = live;
        live = null;
        writer.detach();
        if (c != null) {
            if (code == 1006) {
                c.abort(reason);
            } else {
                c.close(code, reason);
            }
        }
    }
}
