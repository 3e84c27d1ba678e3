package com.kvscamera.rtc.ice;

import com.kvscamera.rtc.net.PacketKind;
import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.net.SerialExecutor;
import com.kvscamera.rtc.net.UdpEndpoint;
import com.kvscamera.rtc.stun.StunDecoder;
import com.kvscamera.rtc.stun.StunFormatException;
import com.kvscamera.rtc.stun.StunMessage;
import com.kvscamera.rtc.turn.TurnException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICE agent (RFC 8445) for one peer session, normally in the controlled role because the camera answers.
 * One UDP socket (plus one per TURN allocation) carries STUN, DTLS and SRTP, demultiplexed per RFC 7983:
 * STUN is handled here, DTLS and RTP/RTCP go to the {@link PacketReceiver}s registered with
 * {@link #setReceiver} on the socket's reader thread. All agent state is owned by one serial loop on the
 * injected scheduler; state and candidate callbacks leave through the agent's own event thread.
 */
public final class IceAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IceAgent.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** The path media currently takes. */
    public record SelectedPath(IceCandidate local, InetSocketAddress remote, boolean relayed) {}

    private final IceOptions opts;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final SerialExecutor loop;
    private final IceEvents events;
    private final String name;
    private final IceChecker checker;
    private final IceGatherer gatherer;
    private final List<IceCandidate> localCandidates = new CopyOnWriteArrayList<>();
    private final AtomicLong consentResponses = new AtomicLong();
    private final Map<PacketKind, PacketReceiver> receivers = new EnumMap<>(PacketKind.class);
    private final Set<InetSocketAddress> authenticatedRemotes = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<List<IceCandidate>> gatheringDone = new CompletableFuture<>();
    private final AtomicLong droppedPackets = new AtomicLong();
    private final AtomicLong malformedStun = new AtomicLong();
    private volatile String localUfrag;
    private volatile String localPwd;
    private volatile IceState state = IceState.NEW;
    private volatile CandidatePair active;
    private volatile boolean closed;
    private final List<IceBase.Udp> udps = new CopyOnWriteArrayList<>();
    private boolean gatheringStarted;
    private long checkingSince = -1;
    private long lastConsent;
    private volatile ScheduledFuture<?> tickTask;

    public IceAgent(IceOptions opts, Clock clock, ScheduledExecutorService timers) {
        this.opts = opts;
        this.clock = clock;
        this.timers = timers;
        this.name = "ice-" + IDS.incrementAndGet();
        this.loop = new SerialExecutor(timers, name);
        this.events = new IceEvents(name);
        this.localUfrag = random(8);
        this.localPwd = random(24);
        this.checker = new IceChecker(opts, new CheckerEvents());
        checker.localUfrag = localUfrag;
        checker.localPwd = localPwd;
        this.gatherer = new IceGatherer(opts, clock, timers, loop, new GathererSink());
    }

    private static String random(int n) {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(ICE_CHARS.charAt(r.nextInt(ICE_CHARS.length())));
        return sb.toString();
    }

    public String localUfrag() { return localUfrag; }
    public String localPwd() { return localPwd; }
    public IceState state() { return state; }
    public List<IceCandidate> localCandidates() { return List.copyOf(localCandidates); }
    public long droppedPackets() { return droppedPackets.get(); }
    public long malformedStun() { return malformedStun.get(); }

    public Optional<SelectedPath> selectedPath() {
        CandidatePair p = active;
        return p == null ? Optional.empty() : Optional.of(new SelectedPath(p.base.candidate, p.remote, p.base.isRelay()));
    }

    public void onStateChange(Consumer<IceState> listener) { events.stateListeners.add(listener); }

    /** Every newly selected path (first nomination, renomination, after an ICE restart), on the event thread. */
    public void onSelectedPath(Consumer<SelectedPath> listener) { events.pathListeners.add(listener); }

    /** Consent (RFC 7675) responses received on the selected pair so far. */
    public long consentResponses() { return consentResponses.get(); }

    public synchronized void setReceiver(PacketKind kind, PacketReceiver receiver) { receivers.put(kind, receiver); }

    /**
     * Opens the socket and gathers; each local candidate goes to {@code onLocal} (trickle) on the event thread.
     * Fails with IOException when no UDP port in the configured range is free.
     */
    public void startGathering(Consumer<IceCandidate> onLocal) throws IOException {
        if (closed) throw new IOException(name + " is closed");
        synchronized (this) {
            if (gatheringStarted) {
                // A listener that joins late hears every candidate once, in order: the replay and the
                // registration happen in one loop task, and candidates are only emitted on the loop.
                if (onLocal != null) {
                    loop.execute(() -> {
                        localCandidates.forEach(c -> events.emit(() -> onLocal.accept(c)));
                        events.candidateListeners.add(onLocal);
                    });
                }
                return;
            }
            if (onLocal != null) events.candidateListeners.add(onLocal);
            gatheringStarted = true;
        }
        List<InetAddress> hosts = HostInterfaces.list(opts);
        // One socket per host address, not one wildcard socket: a wildcard socket answers from whatever source
        // address the kernel picks for the route, and peers drop responses that do not come from the address
        // they sent the check to (RFC 8445 §7.2.5.2.1). A camera with one interface still has one socket.
        List<IceBase.Udp> bound = new ArrayList<>();
        try {
            for (InetAddress a : hosts.isEmpty() ? List.of(InetAddress.getByName("0.0.0.0")) : hosts) {
                IceBase.Udp[] holder = new IceBase.Udp[1];
                UdpEndpoint socket = UdpEndpoint.bind(a.getHostAddress(), opts.minPort(), opts.maxPort(), name + "-udp",
                        (d, len, from) -> onDatagram(holder[0], d, 0, len, from));
                holder[0] = new IceBase.Udp(socket, a);
                bound.add(holder[0]);
            }
        } catch (IOException e) {
            bound.forEach(IceBase::close);
            throw e;
        }
        udps.addAll(bound);
        if (closed) { // close() ran while we were binding: it may have missed these sockets
            bound.forEach(IceBase::close);
            throw new IOException(name + " is closed");
        }
        loop.execute(() -> {
            if (closed) return;
            for (IceBase.Udp u : bound) checker.addBase(u);
            gatherer.start(bound);
            tick();
        });
    }

    /**
     * Completes with every candidate once gathering has finished, on the event thread after every candidate was
     * delivered to the {@link #startGathering} listeners.
     */
    public CompletableFuture<List<IceCandidate>> gatheringComplete() { return gatheringDone; }

    /** Non-trickle: what was gathered when everything finished or the deadline passed, whichever comes first. */
    public CompletableFuture<List<IceCandidate>> gatherAll(Duration deadline) throws IOException {
        startGathering(null);
        CompletableFuture<List<IceCandidate>> f = new CompletableFuture<>();
        ScheduledFuture<?> t = timers.schedule(() -> f.complete(List.copyOf(localCandidates)), deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        gatheringDone.thenAccept(l -> {
            t.cancel(false);
            f.complete(l);
        });
        return f;
    }

    public void setRemoteCredentials(String ufrag, String pwd) {
        if (ufrag == null || ufrag.isEmpty() || pwd == null || pwd.length() < 22) {
            // RFC 8839 §5.4: ice-pwd is 22-256 characters; a shorter one is a broken peer.
            throw new IllegalArgumentException("remote ice-ufrag/ice-pwd invalid (ice-pwd must have at least 22 characters)");
        }
        loop.execute(() -> {
            checker.remoteUfrag = ufrag;
            checker.remotePwd = pwd;
            checker.pace(clock.millis()); // do not wait for an idle tick
        });
    }

    /**
     * Adds a trickled or SDP candidate ("candidate:..." with or without "a="). Syntax errors throw
     * IllegalArgumentException naming the field; mDNS (.local), TCP, IPv6 and RTCP candidates are accepted
     * and ignored, because peer-reflexive discovery covers them. End-of-candidates markers are ignored.
     */
    public void addRemoteCandidate(String candidateAttr) {
        String t = candidateAttr == null ? "" : candidateAttr.trim();
        // Browsers signal the end of trickle with an empty candidate; SDP with a=end-of-candidates.
        if (t.isEmpty() || t.equals("a=end-of-candidates") || t.equals("end-of-candidates")) return;
        IceCandidate c = IceCandidate.parse(t);
        loop.execute(() -> {
            checker.addRemote(c);
            checker.pace(clock.millis());
        });
    }

    /** ICE restart: new local credentials; remote credentials and candidates must be given again. */
    public void restart() {
        String ufrag = random(8);
        String pwd = random(24);
        localUfrag = ufrag;
        localPwd = pwd;
        loop.execute(() -> {
            checker.reset();
            checker.localUfrag = ufrag;
            checker.localPwd = pwd;
            checkingSince = clock.millis();
            lastConsent = clock.millis(); // media keeps flowing on the old path until a new pair is selected
        });
    }

    /** Sends on the selected path; drops (and counts) when there is none, or consent was lost. */
    public PacketSender sender() {
        return (data, off, len) -> {
            CandidatePair p = active;
            if (p == null || closed) {
                droppedPackets.incrementAndGet();
                return;
            }
            p.base.send(data, off, len, p.remote);
        };
    }

    private void onDatagram(IceBase base, byte[] d, int off, int len, InetSocketAddress from) {
        if (len <= 0 || base == null) return;
        PacketKind kind = PacketKind.of(d[off]);
        if (kind == PacketKind.STUN) {
            byte[] copy = java.util.Arrays.copyOfRange(d, off, off + len);
            loop.execute(() -> onStun(base, copy, from));
            return;
        }
        PacketReceiver r;
        synchronized (this) {
            r = receivers.get(kind);
        }
        if (r == null || !authenticatedRemotes.contains(from)) {
            droppedPackets.incrementAndGet();
            return;
        }
        try {
            r.onPacket(d, off, len);
        } catch (RuntimeException e) {
            droppedPackets.incrementAndGet();
            LOG.warn("{}: {} receiver failed", name, kind, e);
        }
    }

    private void onStun(IceBase base, byte[] d, InetSocketAddress from) {
        StunMessage m;
        try {
            m = StunDecoder.decode(d, 0, d.length);
        } catch (StunFormatException e) {
            malformedStun.incrementAndGet();
            LOG.debug("{}: dropped malformed STUN from {}: {}", name, from, e.getMessage());
            return;
        }
        long now = clock.millis();
        boolean ok = switch (m.kind()) {
            case REQUEST -> m.method() == StunMessage.BINDING && checker.onRequest(base, m, from, now);
            case SUCCESS, ERROR -> gatherer.onStunResponse(m) || checker.onResponse(m, from, now);
            case INDICATION -> true; // keepalive Binding indications need no answer
        };
        if (!ok) malformedStun.incrementAndGet();
    }

    private void tick() {
        if (closed) return;
        long now = clock.millis();
        checker.tick(now);
        // Every Ta while checks are pending; slower once idle, so a connected session wakes a few times a
        // second (consent timing needs no more) instead of twenty.
        long delay = checker.busy() ? opts.ta().toMillis()
                : Math.max(opts.ta().toMillis(), Math.min(250, opts.consentInterval().toMillis() / 4));
        tickTask = timers.schedule(() -> loop.execute(this::tick), delay, TimeUnit.MILLISECONDS);
        if (state == IceState.CHECKING && checkingSince >= 0 && active == null
                && now - checkingSince > opts.checkingTimeout().toMillis()) {
            setState(IceState.FAILED);
        }
        if (active != null && (state == IceState.CONNECTED || state == IceState.DISCONNECTED)) {
            long silent = now - lastConsent;
            if (silent > opts.consentTimeout().toMillis()) {
                LOG.info("{}: no consent response for {} ms: ICE failed", name, silent);
                active = null; // RFC 7675 §5.1: stop sending media at once
                checker.selected = null; // and stop the consent checks too
                setState(IceState.FAILED);
            } else if (silent > opts.disconnectedAfter().toMillis() && state == IceState.CONNECTED) {
                setState(IceState.DISCONNECTED);
            }
        }
    }

    private void setState(IceState s) {
        if (state == s || state == IceState.CLOSED || (state == IceState.FAILED && s != IceState.CLOSED)) return;
        state = s;
        LOG.debug("{}: state {}", name, s);
        events.state(s);
    }

    private final class CheckerEvents implements IceChecker.Events {
        @Override public void onSelected(CandidatePair pair) {
            active = pair;
            lastConsent = clock.millis();
            authenticatedRemotes.add(pair.remote);
            LOG.info("{}: selected {} -> {}", name, pair.base.candidate == null ? pair.base : pair.base.candidate.toSdpAttribute(), pair.remote);
            setState(IceState.CONNECTED);
            SelectedPath path = new SelectedPath(pair.base.candidate, pair.remote, pair.base.isRelay());
            events.path(path);
        }
        @Override public void onConsentResponse() {
            consentResponses.incrementAndGet();
            lastConsent = clock.millis();
            if (state == IceState.DISCONNECTED) setState(IceState.CONNECTED);
        }
        @Override public void onChecking() {
            if (state == IceState.NEW) {
                checkingSince = clock.millis();
                setState(IceState.CHECKING);
            }
        }
        @Override public void onNewRemote(IceBase base, InetSocketAddress remote) {
            if (base instanceof IceBase.Relay r) r.turn.createPermission(remote.getAddress());
        }
        @Override public void onAuthenticatedRemote(InetSocketAddress remote) {
            authenticatedRemotes.add(remote);
        }
    }

    private final class GathererSink implements IceGatherer.Sink {
        @Override public void onCandidate(IceCandidate c, IceBase base) {
            localCandidates.add(c);
            if (base.isRelay()) {
                checker.addBase(base);
                checker.pace(clock.millis());
            }
            events.candidate(c);
        }
        @Override public void onDone() {
            // On the event thread, behind the candidates: a listener that answers when gathering completes (an
            // offer that cannot trickle) must have heard every candidate by then.
            List<IceCandidate> all = List.copyOf(localCandidates);
            events.emit(() -> gatheringDone.complete(all));
        }
        @Override public void onRelayFailed(TurnException e) {
            CandidatePair p = active;
            if (p != null && p.base.isRelay()) {
                LOG.warn("{}: relay in use failed: {}", name, e.getMessage());
                active = null;
                setState(IceState.FAILED);
            }
        }
        @Override public void onRelayData(IceBase base, InetSocketAddress peer, byte[] d, int off, int len) {
            onDatagram(base, d, off, len, peer);
        }
    }

    /** Closes sockets, TURN allocations and the event thread; waits briefly for them to end. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (tickTask != null) tickTask.cancel(false);
            done.complete(null);
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("{}: loop did not drain before close", name);
        }
        loop.close();
        if (tickTask != null) tickTask.cancel(false);
        gatherer.close();
        udps.forEach(IceBase::close);
        active = null;
        state = IceState.CLOSED;
        events.state(IceState.CLOSED);
        events.close();
    }

    @Override
    public String toString() {
        return name + "[" + state + "]";
    }
}
