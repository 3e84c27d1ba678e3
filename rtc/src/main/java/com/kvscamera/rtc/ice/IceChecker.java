package com.kvscamera.rtc.ice;

import com.kvscamera.rtc.stun.StunAttr;
import com.kvscamera.rtc.stun.StunIntegrity;
import com.kvscamera.rtc.stun.StunMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connectivity checks (RFC 8445 §7): the check list, paced and triggered checks with retransmission,
 * the answering side with peer-reflexive discovery and 487 role-conflict repair, nomination, and the
 * consent checks of RFC 7675. Runs only on the agent's loop.
 */
final class IceChecker {
    private static final Logger LOG = LoggerFactory.getLogger(IceChecker.class);

    interface Events {
        void onSelected(CandidatePair pair);
        void onConsentResponse();
        void onChecking();
        void onNewRemote(IceBase base, InetSocketAddress remote);
        /** The peer proved it knows our password from this address: its DTLS/RTP may be accepted. */
        void onAuthenticatedRemote(InetSocketAddress remote);
    }

    private static final class Check {
        final CandidatePair pair;
        final byte[] wire;
        final boolean useCandidate;
        final boolean consent;
        long nextAt;
        long rto;
        int sent = 1;
        Check(CandidatePair pair, byte[] wire, boolean useCandidate, boolean consent, long now, long rto) {
            this.pair = pair; this.wire = wire; this.useCandidate = useCandidate; this.consent = consent;
            this.nextAt = now + rto; this.rto = rto;
        }
    }

    private final IceOptions opts;
    private final Events events;
    private final Random random = new Random();
    private final long tieBreaker = new java.security.SecureRandom().nextLong();
    private final List<CandidatePair> pairs = new ArrayList<>();
    private final Map<String, CandidatePair> byKey = new HashMap<>();
    private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
    private final Map<String, Check> inflight = new HashMap<>();
    private final List<IceBase> bases = new ArrayList<>();
    private final List<IceCandidate> remotes = new ArrayList<>();
    boolean controlling;
    String localUfrag;
    String localPwd;
    String remoteUfrag;
    String remotePwd;
    CandidatePair selected;
    private long nextCheckAt;
    private long nextConsentAt;
    long droppedStun;

    IceChecker(IceOptions opts, Events events) {
        this.opts = opts;
        this.events = events;
        this.controlling = opts.controlling();
    }

    void addBase(IceBase base) {
        bases.add(base);
        for (IceCandidate r : remotes) pair(base, r, address(r));
    }

    void addRemote(IceCandidate c) {
        InetSocketAddress a = address(c);
        if (a == null) return;
        remotes.add(c);
        for (IceBase b : bases) pair(b, c, a);
    }

    /** Only IPv4 literals: our socket is IPv4, and mDNS names are left to peer-reflexive discovery. */
    static InetSocketAddress address(IceCandidate c) {
        if (!c.isUdp() || c.component() != 1 || c.isMdns()) return null;
        if (!c.address().matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) return null;
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(c.address()), c.port());
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private CandidatePair pair(IceBase base, IceCandidate r, InetSocketAddress a) {
        if (opts.relayOnly() && !base.isRelay()) return null;
        CandidatePair p = byKey.get(CandidatePair.key(base, a));
        if (p != null) return p;
        p = new CandidatePair(base, a, r.priority());
        byKey.put(p.key(), p);
        pairs.add(p);
        events.onNewRemote(base, a);
        return p;
    }

    void reset() {
        pairs.clear();
        byKey.clear();
        triggered.clear();
        inflight.clear();
        remotes.clear();
        remoteUfrag = null;
        remotePwd = null;
        selected = null;
    }

    /** Called every tick: retransmissions, one paced check, consent. */
    void tick(long now) {
        for (Iterator<Map.Entry<String, Check>> it = inflight.entrySet().iterator(); it.hasNext(); ) {
            Check c = it.next().getValue();
            if (now < c.nextAt) continue;
            // Consent checks get 4 transmissions (about 3.75 s at the default RTO) so a slow relayed path
            // with a long RTT still refreshes consent; connectivity checks get checkAttempts.
            if (c.sent >= (c.consent ? 4 : opts.checkAttempts())) {
                it.remove();
                if (!c.consent && c.pair.state == CandidatePair.State.IN_PROGRESS) c.pair.state = CandidatePair.State.FAILED;
                continue;
            }
            transmit(c.pair, c.wire);
            c.sent++;
            c.rto = Math.min(c.rto * 2, opts.checkRto().toMillis() * 8);
            c.nextAt = now + c.rto;
        }
        pace(now);
        if (selected != null && remotePwd != null && now >= nextConsentAt) {
            sendCheck(selected, false, true, now);
            long mean = opts.consentInterval().toMillis();
            nextConsentAt = now + (long) (mean * (0.8 + 0.4 * random.nextDouble()));
        }
    }

    /**
     * Sends the next check if Ta has passed since the last one: triggered checks first, then the best waiting
     * pair. Called on every tick and right after something made a check due, so a triggered check does not
     * wait for the next tick when the pacer allows it.
     */
    void pace(long now) {
        if (remotePwd == null || now < nextCheckAt) return;
        CandidatePair next = triggered.poll();
        if (next == null) {
            next = pairs.stream().filter(p -> p.state == CandidatePair.State.WAITING)
                    .max(Comparator.comparingLong(p -> p.priority(controlling))).orElse(null);
        }
        if (next != null) {
            sendCheck(next, next.nominating, false, now);
            nextCheckAt = now + opts.ta().toMillis();
        }
    }

    /** Whether checks are queued, waiting or in flight (the agent then ticks at Ta). */
    boolean busy() {
        if (!triggered.isEmpty() || !inflight.isEmpty()) return true;
        if (remotePwd == null) return false;
        for (CandidatePair p : pairs) if (p.state == CandidatePair.State.WAITING) return true;
        return false;
    }

    void scheduleConsent(long now) {
        nextConsentAt = now + opts.consentInterval().toMillis();
    }

    private void sendCheck(CandidatePair p, boolean useCandidate, boolean consent, long now) {
        if (!consent) {
            p.state = CandidatePair.State.IN_PROGRESS;
            events.onChecking();
        }
        // The PRIORITY of a check is that of a peer-reflexive candidate on our base (RFC 8445 §7.1.1).
        long local = p.base.candidate == null ? 0 : p.base.candidate.priority();
        long prio = (local & 0x00FFFFFFL) | ((long) (p.base.isRelay() ? 0 : IceCandidate.Type.PRFLX.typePreference) << 24);
        StunMessage m = StunMessage.request(StunMessage.BINDING)
                .addString(StunAttr.USERNAME, remoteUfrag + ":" + localUfrag)
                .addInt(StunAttr.PRIORITY, (int) prio)
                .addLong(controlling ? StunAttr.ICE_CONTROLLING : StunAttr.ICE_CONTROLLED, tieBreaker);
        if (useCandidate) m.addFlag(StunAttr.USE_CANDIDATE);
        byte[] wire = m.encode(StunIntegrity.shortTermKey(remotePwd), true);
        inflight.put(m.transactionKey(), new Check(p, wire, useCandidate, consent, now, opts.checkRto().toMillis()));
        transmit(p, wire);
    }

    private void transmit(CandidatePair p, byte[] wire) {
        try {
            p.base.send(wire, 0, wire.length, p.remote);
        } catch (IOException e) {
            LOG.debug("check to {} failed to send: {}", p.remote, e.toString());
        }
    }

    /** A Binding request from the peer. Returns false when it was dropped. */
    boolean onRequest(IceBase base, StunMessage m, InetSocketAddress from, long now) {
        String user = m.getString(StunAttr.USERNAME);
        if (user == null || !m.hasIntegrity() || !m.hasFingerprint() || !m.checkFingerprint()
                || !user.startsWith(localUfrag + ":")) {
            droppedStun++;
            return false;
        }
        if (!m.checkIntegrity(StunIntegrity.shortTermKey(localPwd))) {
            respondError(base, m, from, 401, "Unauthorized");
            droppedStun++;
            return false;
        }
        if (!m.unknownComprehensionRequired().isEmpty()) {
            respondError(base, m, from, 420, "Unknown Attribute");
            return false;
        }
        if (m.has(StunAttr.ICE_CONTROLLING) && controlling) {
            // RFC 8445 §7.3.1.1: the larger tie-breaker keeps controlling.
            if (Long.compareUnsigned(tieBreaker, m.get(StunAttr.ICE_CONTROLLING).asLong()) >= 0) {
                respondError(base, m, from, 487, "Role Conflict");
                return true;
            }
            switchRole(false);
        } else if (m.has(StunAttr.ICE_CONTROLLED) && !controlling) {
            if (Long.compareUnsigned(tieBreaker, m.get(StunAttr.ICE_CONTROLLED).asLong()) >= 0) {
                switchRole(true);
            } else {
                respondError(base, m, from, 487, "Role Conflict");
                return true;
            }
        }
        events.onAuthenticatedRemote(from);
        StunMessage ok = StunMessage.response(m, true).addXorAddress(StunAttr.XOR_MAPPED_ADDRESS, from);
        byte[] wire = ok.encode(StunIntegrity.shortTermKey(localPwd), true);
        try {
            base.send(wire, 0, wire.length, from);
        } catch (IOException e) {
            LOG.debug("binding response to {} failed: {}", from, e.toString());
        }
        CandidatePair p = byKey.get(CandidatePair.key(base, from));
        if (p == null) {
            if (opts.relayOnly() && !base.isRelay()) return true;
            long prio = m.has(StunAttr.PRIORITY) ? m.get(StunAttr.PRIORITY).asUnsignedInt() : 0;
            // Peer-reflexive remote candidate (RFC 8445 §7.3.1.3): how Chrome's mDNS hosts become reachable.
            IceCandidate prflx = new IceCandidate("prflx" + Integer.toHexString(from.hashCode()), 1, "udp", prio,
                    from.getAddress().getHostAddress(), from.getPort(), IceCandidate.Type.PRFLX, null, 0, null);
            remotes.add(prflx);
            p = pair(base, prflx, from);
        }
        if (m.has(StunAttr.USE_CANDIDATE) && !controlling) {
            p.useCandidateReceived = true;
            if (p.state == CandidatePair.State.SUCCEEDED) select(p, now);
        }
        if (p.state != CandidatePair.State.SUCCEEDED && p.state != CandidatePair.State.IN_PROGRESS
                && !triggered.contains(p)) {
            p.state = CandidatePair.State.WAITING;
            triggered.add(p);
            pace(now);
        }
        events.onChecking();
        return true;
    }

    private void switchRole(boolean nowControlling) {
        LOG.info("ICE role conflict: switching to {}", nowControlling ? "controlling" : "controlled");
        controlling = nowControlling;
    }

    private void respondError(IceBase base, StunMessage m, InetSocketAddress from, int code, String reason) {
        byte[] wire = StunMessage.response(m, false).addErrorCode(code, reason)
                .encode(code == 401 ? null : StunIntegrity.shortTermKey(localPwd), true);
        try {
            base.send(wire, 0, wire.length, from);
        } catch (IOException e) {
            LOG.debug("error response to {} failed: {}", from, e.toString());
        }
    }

    /** A response to one of our checks. Returns false when it matched nothing or failed verification. */
    boolean onResponse(StunMessage m, InetSocketAddress from, long now) {
        Check c = inflight.get(m.transactionKey());
        if (c == null || remotePwd == null || !m.checkIntegrity(StunIntegrity.shortTermKey(remotePwd))) {
            droppedStun++;
            return false;
        }
        inflight.remove(m.transactionKey());
        CandidatePair p = c.pair;
        if (m.kind() == StunMessage.Kind.ERROR) {
            if (m.errorCode() == 487 && !c.consent) {
                switchRole(!controlling); // RFC 8445 §7.2.5.1: take the other role
                p.state = CandidatePair.State.WAITING;
                triggered.add(p);
            } else if (!c.consent) {
                p.state = CandidatePair.State.FAILED;
            }
            return true;
        }
        if (!from.equals(p.remote)) { // non-symmetric path: RFC 8445 §7.2.5.2.1
            if (!c.consent) p.state = CandidatePair.State.FAILED;
            return true;
        }
        if (c.consent) {
            if (p == selected) events.onConsentResponse();
            return true;
        }
        p.state = CandidatePair.State.SUCCEEDED;
        if (controlling) {
            if (c.useCandidate) select(p, now);
            else if (selected == null && pairs.stream().noneMatch(x -> x.nominating)) {
                p.nominating = true;
                sendCheck(p, true, false, now);
            }
        } else if (p.useCandidateReceived) {
            select(p, now);
        }
        return true;
    }

    private void select(CandidatePair p, long now) {
        if (selected == p) return;
        selected = p;
        scheduleConsent(now);
        events.onSelected(p);
    }

    List<CandidatePair> pairsSnapshot() {
        return List.copyOf(pairs);
    }
}
