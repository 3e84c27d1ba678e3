package com.kvscamera.agent.session;

import com.kvscamera.agent.signaling.SignalingOut;
import com.kvscamera.rtc.rtp.H264Packetizer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** Makes the {@link PeerSession} of each accepted offer from the parts every session shares. */
public final class PeerSessions implements ViewerSessionFactory {
    private final SessionSettings settings;
    private final SdpPort sdp;
    private final PeerTransportFactory transports;
    private final VideoFeed feed;
    private final VideoSender.Factory senders;
    private final ScheduledExecutorService timers;

    /**
     * @param maxRtpPayload packetizer budget so that every packet fits the path MTU
     * @param timers        shared scheduler for session deadlines, RTCP reports and pacing
     */
    public PeerSessions(SessionSettings settings, SdpPort sdp, PeerTransportFactory transports, VideoFeed feed,
                        int maxRtpPayload, ScheduledExecutorService timers, Clock clock) {
        this(settings, sdp, transports, feed,
                RtpVideoSender.factory(new H264Packetizer(maxRtpPayload), timers, clock, new SecureRandom()), timers);
    }

    PeerSessions(SessionSettings settings, SdpPort sdp, PeerTransportFactory transports, VideoFeed feed,
                 VideoSender.Factory senders, ScheduledExecutorService timers) {
        this.settings = settings;
        this.sdp = sdp;
        this.transports = transports;
        this.feed = feed;
        this.senders = senders;
        this.timers = timers;
    }

    @Override
    public ViewerSession create(String clientId, String offerSdp, SignalingOut out, SessionListener listener) {
        return new PeerSession(clientId, offerSdp, out, listener, settings, sdp, transports, feed, senders, timers);
    }
}
