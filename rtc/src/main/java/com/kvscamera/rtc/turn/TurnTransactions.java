package com.kvscamera.rtc.turn;

import com.kvscamera.rtc.net.SerialExecutor;
import com.kvscamera.rtc.stun.StunMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Client transactions towards a TURN server (RFC 8489 §6.2): over UDP retransmit with RTO 500 ms doubling
 * until the deadline; over TCP/TLS send once and wait. Runs on the client's loop only.
 */
final class TurnTransactions {
    private final TurnTransport transport;
    private final SerialExecutor loop;
    private final ScheduledExecutorService timers;
    private final long timeoutMs;
    private final boolean retransmit;
    private final Map<String, Pending> pending = new HashMap<>();
    final java.util.concurrent.atomic.AtomicLong transmissions = new java.util.concurrent.atomic.AtomicLong();

    private static final class Pending {
        final CompletableFuture<StunMessage> result = new CompletableFuture<>();
        byte[] wire;
        ScheduledFuture<?> timer;
        long rto = 500;
        long elapsed;
    }

    TurnTransactions(TurnTransport transport, SerialExecutor loop, ScheduledExecutorService timers, Duration timeout,
                     boolean retransmit) {
        this.transport = transport;
        this.loop = loop;
        this.timers = timers;
        this.timeoutMs = timeout.toMillis();
        this.retransmit = retransmit;
    }

    CompletableFuture<StunMessage> start(StunMessage m, byte[] wire) {
        Pending p = new Pending();
        p.wire = wire;
        String key = m.transactionKey();
        pending.put(key, p);
        transmit(key, p);
        return p.result;
    }

    private void transmit(String key, Pending p) {
        try {
            transmissions.incrementAndGet();
            transport.send(p.wire, 0, p.wire.length);
        } catch (IOException e) {
            pending.remove(key);
            p.result.completeExceptionally(new IOException("send failed: " + e.getMessage()));
            return;
        }
        long wait = retransmit ? Math.min(p.rto, timeoutMs - p.elapsed) : timeoutMs;
        if (wait <= 0) wait = 1;
        long w = wait;
        p.timer = timers.schedule(() -> loop.execute(() -> {
            if (pending.get(key) != p) return;
            p.elapsed += w;
            if (!retransmit || p.elapsed >= timeoutMs) {
                pending.remove(key);
                p.result.completeExceptionally(new IOException("no response within " + timeoutMs + " ms"));
                return;
            }
            p.rto *= 2;
            transmit(key, p);
        }), wait, TimeUnit.MILLISECONDS);
    }

    void onResponse(StunMessage m) {
        Pending p = pending.remove(m.transactionKey());
        if (p == null) return; // late duplicate or unknown: ignore
        if (p.timer != null) p.timer.cancel(false);
        p.result.complete(m);
    }

    void close() {
        for (Pending p : pending.values()) {
            if (p.timer != null) p.timer.cancel(false);
        }
        pending.clear();
    }
}
