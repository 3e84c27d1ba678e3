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
     * The ICE servers of the current KVS configuration in the rtc module's form, keeping only the TURN URIs whose
     * transport {@code webrtc.turnTransports} allows (and that the rtc module can use at all).
     */
    static List<IceServer> iceServers(Optional<IceConfig> current, List<TurnTransport> allowed) {
        List<IceServer> out = new ArrayList<>();
        if (current.isEmpty()) return out;
        for (com.kvscamera.agent.kvs.IceServer s : current.get().servers()) {
            List<String> uris = new ArrayList<>();
            for (String uri : s.uris()) {
                if (!s.isTurn() || turnTransport(uri).filter(allowed::contains).isPresent()) uris.add(uri);
            }
            if (!uris.isEmpty()) out.add(new IceServer(uris, s.username(), s.password()));
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
