package com.kvscamera.agent.session;

import com.kvscamera.rtc.dtls.DtlsCertificate;
import com.kvscamera.rtc.dtls.DtlsSettings;
import com.kvscamera.rtc.ice.IceOptions;
import com.kvscamera.rtc.ice.IceServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Makes {@link RtcPeerTransport}s. Each session takes the ICE servers that are current when its offer arrives
 * ({@code iceServers} must never block: the ICE configuration is refreshed in the background).
 */
public final class RtcTransports implements PeerTransportFactory {
    private final IceOptions iceOptions;
    private final Supplier<List<IceServer>> iceServers;
    private final DtlsSettings dtlsSettings;
    private final DtlsCertificate certificate;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Executor events;

    /**
     * @param timers shared by every session's ICE agent (checks, consent) and pacing
     * @param events where DTLS completions are delivered; the session hops to its own executor from there
     */
    public RtcTransports(IceOptions iceOptions, Supplier<List<IceServer>> iceServers, DtlsSettings dtlsSettings,
                         DtlsCertificate certificate, Clock clock, ScheduledExecutorService timers, Executor events) {
        this.iceOptions = iceOptions;
        this.iceServers = iceServers;
        this.dtlsSettings = dtlsSettings;
        this.certificate = certificate;
        this.clock = clock;
        this.timers = timers;
        this.events = events;
    }

    @Override
    public PeerTransport create(String clientId, String remoteUfrag, String remotePwd, String remoteFingerprint,
                                boolean dtlsServer, List<String> remoteCandidates) {
        IceOptions options = iceOptions.withIceServers(iceServers.get());
        return new RtcPeerTransport(clientId, options, dtlsSettings, certificate, clock, timers, events, remoteUfrag,
                remotePwd, remoteFingerprint, dtlsServer, remoteCandidates);
    }
}
