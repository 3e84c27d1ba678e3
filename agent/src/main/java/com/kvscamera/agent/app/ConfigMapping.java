package com.kvscamera.agent.app;

import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.SignalingConfig;
import com.kvscamera.agent.config.TurnTransport;
import com.kvscamera.agent.config.WebRtcConfig;
import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.media.CaptureOptions;
import com.kvscamera.agent.session.SessionSettings;
import com.kvscamera.agent.signaling.SignalingOptions;
import com.kvscamera.rtc.ice.IceOptions;
import com.kvscamera.rtc.ice.IceServer;
import com.kvscamera.rtc.ice.IceServerUri;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/** Turns the agent's configuration into the option records of the parts it wires together. */
final class ConfigMapping {
    /** RTP header (12) + SRTP tag (16) + IPv4/UDP (28) + TURN ChannelData (4) + room for TCP framing. */
    static final int PACKET_OVERHEAD = 12 + 16 + 28 + 4 + 4;

    private ConfigMapping() {}

    /** The loader fills every default, so every value here is set. */
    static SignalingOptions signaling(AgentConfig cfg) {
        SignalingConfig s = cfg.signaling();
        SignalingOptions d = SignalingOptions.defaults(cfg.aws().region(), cfg.channel().name());
        return new SignalingOptions(cfg.aws().region(), cfg.aws().endpoint(), cfg.channel().name(),
                cfg.channel().arn(), cfg.channel().create(), s.clientId(), s.rotateAfter(), d.rotateJitter(),
                s.pingInterval(), s.pongTimeout(), s.iceRefreshGrace(), d.connectTimeout(), d.requestTimeout(),
                d.backoffBase(), d.backoffCap(), d.backoffResetAfter(), d.candidateBufferTtl(), d.answersPerSecond(),
                d.candidatesPerSecond(), cfg.aws().caCertificate());
    }

    static SessionSettings sessions(WebRtcConfig w) {
        return SessionSettings.defaults().withMaxViewers(w.maxViewers()).withGatherTimeout(w.gatherTimeout());
    }

    static CaptureOptions capture(AgentConfig cfg) {
        var c = cfg.capture();
        return new CaptureOptions(c.command(), c.file(), c.frameRate(), c.frameTimeout(), c.restartBackoffMax());
    }

    /** Largest RTP payload that keeps each packet within {@code webrtc.mtu} after every header is added. */
    static int maxRtpPayload(WebRtcConfig w) {
        return Math.max(200, w.mtu() - PACKET_OVERHEAD);
    }

    static IceOptions ice(WebRtcConfig w, SSLContext trust) throws SocketException {
        IceOptions o = IceOptions.defaults().withInterfaces(w.interfaces()).withRelayOnly(w.relayOnly())
                .withLoopback(namesLoopback(w.interfaces()));
        if (!w.portRange().isEphemeral()) o = o.withPorts(w.portRange().first(), w.portRange().last());
        if (trust != null) o = o.withSslContext(trust);
        return o;
    }

    /** Host candidates on loopback only when the operator names a loopback interface in webrtc.interfaces. */
    private static boolean namesLoopback(List<String> interfaces) throws SocketException {
        for (String name : interfaces) {
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni != null && ni.isLoopback()) return true;
        }
        return false;
    }

    /**
     * The ICE servers one session uses, in the rtc module's form: every STUN entry, and {@code webrtc.maxTurnServers}
     * of the TURN entries, picked at random so that viewers spread across the relays. Of a chosen TURN entry only
     * the URIs whose transport {@code webrtc.turnTransports} allows (and that the rtc module can use at all) are
     * kept, each of them one relay allocation. KVS hands out 2 entries of 3 URIs; allocating on all of them costs
     * every viewer 4 or more allocations and delays the complete answers Echo Show needs, while one entry is what
     * the KVS C SDK samples use ("Use only one to optimize candidate gathering latency"). The entries not picked
     * follow as standby entries ({@link IceServer#standby()}): allocated on only when an allocation fails.
     */
    static List<IceServer> iceServers(Optional<IceConfig> current, List<TurnTransport> allowed, int maxTurnServers,
                                      RandomGenerator random) {
        List<IceServer> out = new ArrayList<>();
        if (current.isEmpty()) return out;
        List<IceServer> turn = new ArrayList<>();
        for (com.kvscamera.agent.kvs.IceServer s : current.get().servers()) {
            List<String> uris = new ArrayList<>();
            for (String uri : s.uris()) {
                if (!s.isTurn() || turnTransport(uri).filter(allowed::contains).isPresent()) uris.add(uri);
            }
            if (uris.isEmpty()) continue;
            IceServer server = new IceServer(uris, s.username(), s.password());
            if (s.isTurn()) turn.add(server);
            else out.add(server);
        }
        // a partial Fisher-Yates shuffle: the first maxTurnServers entries end up a uniform random choice
        int n = Math.min(maxTurnServers, turn.size());
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(turn.size() - i);
            IceServer t = turn.get(i);
            turn.set(i, turn.get(j));
            turn.set(j, t);
        }
        out.addAll(turn.subList(0, n));
        if (n > 0) {
            // the others stand by: a session whose allocation fails (that relay is down) tries one of them instead
            turn.subList(n, turn.size()).forEach(t -> out.add(t.asStandby()));
        }
        return out;
    }

    /** The transport of a TURN URI; empty when the rtc module cannot parse or use it. */
    static Optional<TurnTransport> turnTransport(String uri) {
        try {
            return Optional.of(TurnTransport.valueOf(IceServerUri.parse(uri).transport().name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
