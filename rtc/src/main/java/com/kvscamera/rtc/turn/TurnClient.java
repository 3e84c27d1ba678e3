package com.kvscamera.rtc.turn;

import com.kvscamera.rtc.ice.IceServerUri;
import com.kvscamera.rtc.net.SerialExecutor;
import com.kvscamera.rtc.stun.StunAttr;
import com.kvscamera.rtc.stun.StunDecoder;
import com.kvscamera.rtc.stun.StunFormatException;
import com.kvscamera.rtc.stun.StunIntegrity;
import com.kvscamera.rtc.stun.StunMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TURN client (RFC 8656) for one allocation over UDP, TCP or TLS. Written by hand because ice4j has no TURN
 * over TLS and its TCP path is unmaintained (media-path.md §1.1). All state lives on one serial loop;
 * {@link #send} is the only call meant for the media thread and touches only concurrent maps.
 */
public final class TurnClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurnClient.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long PERMISSION_REFRESH_MS = 240_000; // permissions live 300 s
    private static final long CHANNEL_REFRESH_MS = 540_000;    // channel bindings live 600 s

    public record Credentials(String username, String password) {
        @Override public String toString() { return "Credentials[user=" + username + "]"; }
    }

    public record Allocation(InetSocketAddress relayed, InetSocketAddress mapped, int lifetimeSeconds) {}

    public interface Listener {
        /** Data relayed from a peer; called on the transport's reader thread, buffer reused after return. */
        void onData(InetSocketAddress peer, byte[] data, int off, int len);
        /** The allocation is gone (refresh refused, connection lost); called on the client's loop. */
        void onFailure(TurnException reason);
    }

    private final IceServerUri uri;
    private final Supplier<Credentials> credentials;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final SerialExecutor loop;
    private final Listener listener;
    private final TurnTransport transport;
    private final TurnTransactions tx;
    private final CompletableFuture<Allocation> allocation = new CompletableFuture<>();
    private final Map<InetAddress, Long> permissions = new HashMap<>(); // ip -> last granted (loop only)
    private final Map<InetSocketAddress, Integer> channels = new ConcurrentHashMap<>(); // confirmed bindings
    private final Map<Integer, InetSocketAddress> channelPeers = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, Long> channelRequested = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private int nextChannel = 0x4000;
    private Credentials creds;
    private String realm;
    private String nonce;
    private byte[] key;
    private boolean credsRefreshed;
    private ScheduledFuture<?> refreshTask;
    private ScheduledFuture<?> maintainTask;
    private volatile boolean closed;

    /**
     * @param credentials called for the first allocation and again when the server refuses the current
     *                    credentials (e.g. a 300 s KVS TTL ran out); return null when none are available
     */
    public TurnClient(IceServerUri uri, Supplier<Credentials> credentials, SSLContext ssl, Clock clock,
                      ScheduledExecutorService timers, Duration timeout, Listener listener) {
        if (!uri.isTurn()) throw new IllegalArgumentException("not a TURN URI: " + uri);
        this.uri = uri;
        this.credentials = credentials;
        this.clock = clock;
        this.timers = timers;
        this.listener = listener;
        int id = IDS.incrementAndGet();
        this.loop = new SerialExecutor(timers, "turn-" + id);
        String thread = "turn-" + uri.transport().name().toLowerCase() + "-" + id;
        this.transport = switch (uri.transport()) {
            case UDP -> new UdpTurnTransport(uri.host(), uri.port(), thread);
            case TCP -> new StreamTurnTransport(uri.host(), uri.port(), null, (int) timeout.toMillis(), thread);
            case TLS -> new StreamTurnTransport(uri.host(), uri.port(), ssl != null ? ssl : defaultTls(),
                    (int) timeout.toMillis(), thread);
        };
        this.tx = new TurnTransactions(transport, loop, timers, timeout, uri.transport() == IceServerUri.Transport.UDP);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    public IceServerUri uri() { return uri; }
    public long droppedPackets() { return dropped.get(); }
    /** Peers currently reached through ChannelData. */
    public int boundChannels() { return channels.size(); }
    /** Request transmissions so far, retransmissions included (tests assert there is no retry storm). */
    public long requestTransmissions() { return tx.transmissions.get(); }

    /** Connects and allocates; completes exceptionally with a {@link TurnException} naming the cause. */
    public CompletableFuture<Allocation> allocate() {
        loop.execute(() -> {
            creds = credentials.get();
            if (creds == null) {
                fail(new TurnException("no credentials for TURN server " + uri, 0));
                return;
            }
            transport.start(new TurnTransport.Events() {
                @Override public void onConnected() { loop.execute(TurnClient.this::sendAllocate); }
                @Override public void onMessage(byte[] d, int off, int len) { onServerMessage(d, off, len); }
                @Override public void onClosed(String reason) {
                    loop.execute(() -> fail(new TurnException("TURN server " + uri + ": " + reason, 0)));
                }
            });
        });
        return allocation;
    }

    private void sendAllocate() {
        StunMessage m = StunMessage.request(StunMessage.ALLOCATE)
                .addInt(StunAttr.REQUESTED_TRANSPORT, 17 << 24)
                .addInt(StunAttr.LIFETIME, 600);
        request(m, 0, resp -> {
            Allocation a = new Allocation(resp.getXorAddress(StunAttr.XOR_RELAYED_ADDRESS),
                    resp.getXorAddress(StunAttr.XOR_MAPPED_ADDRESS), (int) lifetime(resp));
            if (a.relayed() == null) {
                fail(new TurnException("TURN server " + uri + " answered Allocate without XOR-RELAYED-ADDRESS", 0));
                return;
            }
            LOG.info("TURN {} allocated relay {} (lifetime {} s)", uri, a.relayed(), a.lifetimeSeconds());
            scheduleRefresh(a.lifetimeSeconds());
            maintainTask = timers.scheduleWithFixedDelay(() -> loop.execute(this::maintain), 30, 30, TimeUnit.SECONDS);
            allocation.complete(a);
        });
    }

    private static long lifetime(StunMessage resp) {
        long l = resp.has(StunAttr.LIFETIME) ? resp.get(StunAttr.LIFETIME).asUnsignedInt() : 600;
        return l <= 0 ? 600 : l;
    }

    private void scheduleRefresh(long lifetimeSeconds) {
        if (refreshTask != null) refreshTask.cancel(false);
        long delay = Math.max(5, Math.min(lifetimeSeconds / 2, lifetimeSeconds - 60));
        refreshTask = timers.schedule(() -> loop.execute(this::refresh), delay, TimeUnit.SECONDS);
    }

    /** Refresh now (also used by tests to exercise credential expiry without waiting minutes). */
    public void refresh() {
        if (!loop.inLoop()) {
            loop.execute(this::refresh);
            return;
        }
        if (closed || !allocation.isDone()) return;
        request(StunMessage.request(StunMessage.REFRESH).addInt(StunAttr.LIFETIME, 600), 0,
                resp -> scheduleRefresh(lifetime(resp)));
    }

    /** Re-sends CreatePermission/ChannelBind that are due; runs every 30 s, and from tests with a moved clock. */
    void maintain() {
        long now = clock.millis();
        permissions.forEach((ip, at) -> {
            if (now - at >= PERMISSION_REFRESH_MS) sendCreatePermission(ip);
        });
        channelRequested.forEach((peer, at) -> {
            if (now - at >= CHANNEL_REFRESH_MS) sendChannelBind(peer, channels.getOrDefault(peer, -1));
        });
    }

    /** Installs (and keeps refreshing) a permission so the server relays traffic from this peer's IP. */
    public void createPermission(InetAddress peer) {
        loop.execute(() -> {
            if (closed || permissions.containsKey(peer)) return;
            permissions.put(peer, clock.millis());
            allocation.thenRun(() -> loop.execute(() -> sendCreatePermission(peer)));
        });
    }

    private void sendCreatePermission(InetAddress ip) {
        permissions.put(ip, clock.millis());
        request(StunMessage.request(StunMessage.CREATE_PERMISSION)
                .addXorAddress(StunAttr.XOR_PEER_ADDRESS, new InetSocketAddress(ip, 0)), 0, r -> { });
    }

    private void sendChannelBind(InetSocketAddress peer, int existing) {
        int ch = existing > 0 ? existing : nextChannel++;
        if (ch > 0x7FFF) return; // channel space exhausted: keep using Send indications
        channelRequested.put(peer, clock.millis());
        permissions.put(peer.getAddress(), clock.millis()); // ChannelBind also installs the permission
        // RFC 8656 §12: the server may relay ChannelData as soon as it has the request, before its success
        // response reaches us (and that response is handled on the loop while ChannelData is read inline),
        // so incoming data on the channel is accepted from now on; we send on it only once it is confirmed.
        channelPeers.put(ch, peer);
        request(StunMessage.request(StunMessage.CHANNEL_BIND).addInt(StunAttr.CHANNEL_NUMBER, ch << 16)
                .addXorAddress(StunAttr.XOR_PEER_ADDRESS, peer), 0, r -> channels.put(peer, ch));
    }

    /**
     * Relays a datagram to a peer: ChannelData once a channel is bound, Send indication before that
     * (RFC 8656 §11-12). Never blocks on the server; a send error is counted and rethrown.
     */
    public void send(byte[] data, int off, int len, InetSocketAddress peer) throws IOException {
        if (closed) throw new IOException("TURN allocation on " + uri + " is closed");
        Integer ch = channels.get(peer);
        if (ch != null) {
            int padded = transport.isStream() ? (len + 3) & ~3 : len;
            byte[] frame = new byte[4 + padded];
            frame[0] = (byte) (ch >>> 8);
            frame[1] = (byte) (int) ch;
            frame[2] = (byte) (len >>> 8);
            frame[3] = (byte) len;
            System.arraycopy(data, off, frame, 4, len);
            transport.send(frame, 0, frame.length);
            return;
        }
        if (channelRequested.putIfAbsent(peer, clock.millis()) == null) {
            loop.execute(() -> { if (!closed) sendChannelBind(peer, -1); });
        }
        byte[] payload = java.util.Arrays.copyOfRange(data, off, off + len);
        byte[] ind = StunMessage.indication(StunMessage.SEND).addXorAddress(StunAttr.XOR_PEER_ADDRESS, peer)
                .add(new com.kvscamera.rtc.stun.StunAttribute(StunAttr.DATA, payload)).encode(null, false);
        transport.send(ind, 0, ind.length);
    }

    private void onServerMessage(byte[] d, int off, int len) {
        if (len >= 4 && (d[off] & 0xC0) == 0x40) {
            int ch = ((d[off] & 0xFF) << 8) | (d[off + 1] & 0xFF);
            int dl = ((d[off + 2] & 0xFF) << 8) | (d[off + 3] & 0xFF);
            InetSocketAddress peer = channelPeers.get(ch);
            if (peer == null || dl > len - 4) {
                dropped.incrementAndGet();
                return;
            }
            listener.onData(peer, d, off + 4, dl);
            return;
        }
        StunMessage m;
        try {
            m = StunDecoder.decode(d, off, len);
        } catch (StunFormatException e) {
            dropped.incrementAndGet();
            return;
        }
        if (m.kind() == StunMessage.Kind.INDICATION && m.method() == StunMessage.DATA) {
            InetSocketAddress peer = m.getXorAddress(StunAttr.XOR_PEER_ADDRESS);
            var data = m.get(StunAttr.DATA);
            if (peer == null || data == null) {
                dropped.incrementAndGet();
                return;
            }
            listener.onData(peer, data.value(), 0, data.value().length);
        } else if (m.kind() == StunMessage.Kind.SUCCESS || m.kind() == StunMessage.Kind.ERROR) {
            loop.execute(() -> tx.onResponse(m));
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Sends an authenticated request, handling 401 (first challenge or expired creds) and 438 (stale nonce). */
    private void request(StunMessage m, int attempt, java.util.function.Consumer<StunMessage> onSuccess) {
        if (closed) return;
        if (nonce != null) {
            m.addString(StunAttr.USERNAME, creds.username()).addString(StunAttr.REALM, realm)
                    .addString(StunAttr.NONCE, nonce);
        }
        byte[] wire = m.encode(key, false);
        tx.start(m, wire).whenComplete((resp, err) -> {
            if (closed) return;
            if (err != null) {
                fail(new TurnException("TURN server " + uri + ": " + err.getMessage(), 0));
                return;
            }
            if (resp.kind() == StunMessage.Kind.SUCCESS) {
                if (key != null && !resp.checkIntegrity(key)) {
                    fail(new TurnException("TURN server " + uri + " sent a response with bad MESSAGE-INTEGRITY", 0));
                    return;
                }
                credsRefreshed = false; // the next expiry may ask for fresh credentials again
                onSuccess.accept(resp);
                return;
            }
            int code = resp.errorCode();
            boolean challenged = code == 401 && nonce == null;
            boolean stale = code == 438 && resp.has(StunAttr.NONCE);
            boolean expired = code == 401 && nonce != null;
            if ((challenged || stale) && attempt < 3 && resp.has(StunAttr.NONCE)) {
                nonce = resp.getString(StunAttr.NONCE);
                if (resp.has(StunAttr.REALM)) realm = resp.getString(StunAttr.REALM);
                if (realm == null) realm = "";
                key = StunIntegrity.longTermKey(creds.username(), realm, creds.password());
                request(copyWithoutAuth(m), attempt + 1, onSuccess);
            } else if (expired && !credsRefreshed) {
                // Credentials were refused after having worked (or right away): ask once for fresh ones.
                credsRefreshed = true;
                Credentials fresh = credentials.get();
                if (fresh == null || fresh.equals(creds)) {
                    fail(new TurnException("TURN server " + uri + " rejected the credentials of user '"
                            + creds.username() + "' (401 " + resp.errorReason() + "); no fresh credentials", 401));
                    return;
                }
                creds = fresh;
                if (resp.has(StunAttr.NONCE)) nonce = resp.getString(StunAttr.NONCE);
                if (resp.has(StunAttr.REALM)) realm = resp.getString(StunAttr.REALM);
                key = StunIntegrity.longTermKey(creds.username(), realm, creds.password());
                request(copyWithoutAuth(m), attempt + 1, onSuccess);
            } else if (m.method() == StunMessage.ALLOCATE || m.method() == StunMessage.REFRESH || code == 401) {
                fail(new TurnException("TURN server " + uri + " refused " + methodName(m.method()) + " for user '"
                        + creds.username() + "': " + code + " " + resp.errorReason(), code));
            } else {
                LOG.warn("TURN {} {} failed: {} {}", uri, methodName(m.method()), code, resp.errorReason());
            }
        });
    }

    private static StunMessage copyWithoutAuth(StunMessage m) {
        StunMessage c = StunMessage.request(m.method());
        for (var a : m.attributes()) {
            int t = a.type();
            if (t != StunAttr.USERNAME && t != StunAttr.REALM && t != StunAttr.NONCE) c.add(a);
        }
        return c;
    }

    private static String methodName(int method) {
        return switch (method) {
            case StunMessage.ALLOCATE -> "Allocate";
            case StunMessage.REFRESH -> "Refresh";
            case StunMessage.CREATE_PERMISSION -> "CreatePermission";
            case StunMessage.CHANNEL_BIND -> "ChannelBind";
            default -> "method " + method;
        };
    }

    private void fail(TurnException e) {
        if (closed) return;
        boolean wasAllocated = allocation.isDone() && !allocation.isCompletedExceptionally();
        LOG.warn("{}", e.getMessage());
        shutdown(false);
        if (!allocation.completeExceptionally(e) && wasAllocated) listener.onFailure(e);
    }

    /** Releases the allocation (Refresh lifetime 0, best effort) and closes the transport and its thread. */
    @Override
    public void close() {
        if (closed) {
            allocation.completeExceptionally(new TurnException("TURN client for " + uri + " closed", 0));
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            shutdown(true);
            done.complete(null);
        });
        try {
            done.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            shutdown(false); // loop is stuck or already closed: close from here
        }
        allocation.completeExceptionally(new TurnException("TURN client for " + uri + " closed", 0));
    }

    private synchronized void shutdown(boolean release) {
        if (closed) return;
        if (release && allocation.isDone() && !allocation.isCompletedExceptionally() && key != null) {
            try {
                StunMessage m = StunMessage.request(StunMessage.REFRESH).addInt(StunAttr.LIFETIME, 0)
                        .addString(StunAttr.USERNAME, creds.username()).addString(StunAttr.REALM, realm)
                        .addString(StunAttr.NONCE, nonce);
                byte[] w = m.encode(key, false);
                transport.send(w, 0, w.length);
            } catch (IOException e) {
                LOG.debug("TURN release failed: {}", e.toString());
            }
        }
        closed = true;
        if (refreshTask != null) refreshTask.cancel(false);
        if (maintainTask != null) maintainTask.cancel(false);
        tx.close();
        transport.close();
        loop.close();
    }
}
