package com.kvscamera.rtc.ice;

import com.kvscamera.rtc.stun.StunAttr;
import com.kvscamera.rtc.stun.StunMessage;
import com.kvscamera.rtc.turn.TurnClient;
import com.kvscamera.rtc.turn.TurnException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Host, server-reflexive (STUN Binding) and relayed (TURN Allocate) candidates. Runs on the agent's loop. */
final class IceGatherer {
    private static final Logger LOG = LoggerFactory.getLogger(IceGatherer.class);

    interface Sink {
        void onCandidate(IceCandidate c, IceBase base);
        void onDone();
        void onRelayFailed(TurnException e);
        void onRelayData(IceBase base, InetSocketAddress peer, byte[] d, int off, int len);
    }

    private final IceOptions opts;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Executor loop;
    private final Sink sink;
    private final Map<String, ScheduledFuture<?>> stunTx = new HashMap<>();
    private final List<IceBase.Relay> relays = new ArrayList<>();
    /** Standby TURN URIs in configuration order; each is used at most once, for a failed URI of its transport. */
    private final List<Standby> standbys = new ArrayList<>();
    private int pending;
    private int localPref = 65535;
    private boolean done;
    private volatile boolean closed; // set by close(), which may run off the loop

    IceGatherer(IceOptions opts, Clock clock, ScheduledExecutorService timers, Executor loop, Sink sink) {
        this.opts = opts;
        this.clock = clock;
        this.timers = timers;
        this.loop = loop;
        this.sink = sink;
    }

    void start(List<IceBase.Udp> udps) {
        pending = 1; // the host phase itself
        IceBase.Udp first = null;
        IceBase.Udp loopback = null;
        for (IceBase.Udp udp : udps) {
            if (udp.address.isAnyLocalAddress()) continue;
            InetAddress a = udp.address;
            IceCandidate c = new IceCandidate(foundation("host", a), 1, "udp",
                    IceCandidate.priority(IceCandidate.Type.HOST, localPref--, 1), a.getHostAddress(),
                    udp.socket.localAddress().getPort(), IceCandidate.Type.HOST, null, 0, null);
            udp.candidate = c;
            if (first == null && !a.isLoopbackAddress()) first = udp;
            if (loopback == null && a.isLoopbackAddress()) loopback = udp;
            if (!opts.relayOnly()) sink.onCandidate(c, udp);
        }
        IceBase.Udp stunBase = first != null ? first : loopback; // loopback only when nothing else is allowed
        for (IceServer server : opts.iceServers()) {
            for (String u : server.uris()) {
                IceServerUri uri;
                try {
                    uri = IceServerUri.parse(u);
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring ICE server: {}", e.getMessage());
                    continue;
                }
                if (uri.isTurn() && server.standby()) standbys.add(new Standby(uri, server));
                else if (uri.isTurn()) startRelay(uri, server);
                else if (!opts.relayOnly() && uri.transport() == IceServerUri.Transport.UDP && stunBase != null) {
                    startSrflx(stunBase, uri, stunBase.address);
                }
            }
        }
        finishOne();
    }

    private static String foundation(String type, Object base) {
        return Integer.toUnsignedString((type + base).hashCode() & 0x7FFFFFFF, 36);
    }

    private void startSrflx(IceBase.Udp udp, IceServerUri uri, InetAddress firstHost) {
        pending++;
        // Resolve off the loop: STUN URIs are usually names, and a DNS lookup must not stall the scheduler.
        Thread t = new Thread(() -> {
            InetSocketAddress server = null;
            try {
                server = new InetSocketAddress(InetAddress.getByName(uri.host()), uri.port());
            } catch (IOException e) {
                LOG.warn("STUN server {} does not resolve: {}", uri, e.getMessage());
            }
            InetSocketAddress resolved = server;
            loop.execute(() -> {
                if (resolved == null) finishOne();
                else sendSrflx(udp, uri, firstHost, resolved);
            });
        }, "ice-stun-resolve");
        t.setDaemon(true);
        t.start();
    }

    private void sendSrflx(IceBase.Udp udp, IceServerUri uri, InetAddress firstHost, InetSocketAddress server) {
        StunMessage req = StunMessage.request(StunMessage.BINDING);
        byte[] wire = req.encode(null, true);
        String key = req.transactionKey();
        long deadline = clock.millis() + opts.turnTimeout().toMillis();
        Runnable[] send = new Runnable[1];
        long[] rto = {250};
        send[0] = () -> {
            if (!stunTx.containsKey(key)) return;
            if (clock.millis() >= deadline) {
                stunTx.remove(key);
                LOG.info("STUN server {} did not answer in {}", uri, opts.turnTimeout());
                finishOne();
                return;
            }
            try {
                udp.send(wire, 0, wire.length, server);
            } catch (IOException e) {
                LOG.debug("STUN binding to {} failed: {}", uri, e.toString());
            }
            stunTx.put(key, timers.schedule(() -> loop.execute(send[0]), rto[0], TimeUnit.MILLISECONDS));
            rto[0] = Math.min(rto[0] * 2, 2000);
        };
        stunTx.put(key, null);
        send[0].run();
        srflxBases.put(key, new Object[] {udp, firstHost});
    }

    private final Map<String, Object[]> srflxBases = new HashMap<>();

    /** A STUN response that may belong to a srflx transaction; returns true when consumed. */
    boolean onStunResponse(StunMessage m) {
        String key = m.transactionKey();
        if (!stunTx.containsKey(key)) return false;
        ScheduledFuture<?> t = stunTx.remove(key);
        if (t != null) t.cancel(false);
        Object[] b = srflxBases.remove(key);
        InetSocketAddress mapped = m.getXorAddress(StunAttr.XOR_MAPPED_ADDRESS);
        if (m.kind() == StunMessage.Kind.SUCCESS && mapped != null && b != null) {
            IceBase.Udp udp = (IceBase.Udp) b[0];
            InetAddress host = (InetAddress) b[1];
            if (!(mapped.getAddress().equals(host) && mapped.getPort() == udp.socket.localAddress().getPort())) {
                sink.onCandidate(new IceCandidate(foundation("srflx", mapped.getAddress()), 1, "udp",
                        IceCandidate.priority(IceCandidate.Type.SRFLX, 65535, 1), mapped.getAddress().getHostAddress(),
                        mapped.getPort(), IceCandidate.Type.SRFLX, host.getHostAddress(),
                        udp.socket.localAddress().getPort(), null), udp);
            }
        }
        finishOne();
        return true;
    }

    private void startRelay(IceServerUri uri, IceServer server) {
        pending++;
        IceBase.Relay[] holder = new IceBase.Relay[1];
        boolean[] first = {true};
        TurnClient client = new TurnClient(uri, () -> {
            if (first[0]) {
                first[0] = false;
                return server.username() == null ? null : new TurnClient.Credentials(server.username(), server.password());
            }
            IceServer fresh = opts.turnCredentials() == null ? null : opts.turnCredentials().refresh(uri);
            return fresh == null || fresh.username() == null ? null : new TurnClient.Credentials(fresh.username(), fresh.password());
        }, opts.sslContext(), clock, timers, opts.turnTimeout(), new TurnClient.Listener() {
            @Override public void onData(InetSocketAddress peer, byte[] d, int off, int len) {
                sink.onRelayData(holder[0], peer, d, off, len);
            }
            @Override public void onFailure(TurnException reason) {
                loop.execute(() -> sink.onRelayFailed(reason));
            }
        });
        IceBase.Relay relay = new IceBase.Relay(client);
        holder[0] = relay;
        relays.add(relay);
        client.allocate().whenComplete((a, err) -> loop.execute(() -> {
            if (err != null) {
                LOG.warn("no relay candidate from {}: {}", uri, err.getMessage());
                Throwable cause = err instanceof java.util.concurrent.CompletionException ? err.getCause() : err;
                if (cause instanceof TurnException te) sink.onRelayFailed(te);
                startStandby(uri);
            } else {
                InetSocketAddress mapped = a.mapped();
                IceCandidate c = new IceCandidate(foundation("relay", uri), 1, "udp",
                        IceCandidate.priority(IceCandidate.Type.RELAY, relayPreference(uri), 1),
                        a.relayed().getAddress().getHostAddress(), a.relayed().getPort(), IceCandidate.Type.RELAY,
                        mapped == null ? null : mapped.getAddress().getHostAddress(), mapped == null ? 0 : mapped.getPort(), null);
                relay.candidate = c;
                sink.onCandidate(c, relay);
            }
            finishOne();
        }));
    }

    private record Standby(IceServerUri uri, IceServer server) {}

    /** An allocation on {@code failed} did not succeed: try the next standby URI of the same transport, if any. */
    private void startStandby(IceServerUri failed) {
        if (closed) return;
        for (int i = 0; i < standbys.size(); i++) {
            Standby s = standbys.get(i);
            if (s.uri().transport() == failed.transport()) {
                standbys.remove(i);
                LOG.info("allocating on standby TURN server {} instead of {}", s.uri(), failed);
                startRelay(s.uri(), s.server()); // counted as pending before the failed one is finished
                return;
            }
        }
    }

    /** UDP relays beat TCP beat TLS, as libwebrtc ranks them. */
    private static int relayPreference(IceServerUri uri) {
        return switch (uri.transport()) { case UDP -> 65535; case TCP -> 32767; case TLS -> 16383; };
    }

    private void finishOne() {
        if (--pending == 0 && !done) {
            done = true;
            sink.onDone();
        }
    }

    void close() {
        closed = true;
        for (ScheduledFuture<?> f : stunTx.values()) if (f != null) f.cancel(false);
        stunTx.clear();
        for (IceBase.Relay r : relays) r.close();
    }
}
