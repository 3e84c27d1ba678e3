package com.kvscamera.agent.session;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the offer path once at start-up, without a viewer and without opening a socket: parse an offer, make a
 * transport (ICE agent, DTLS endpoint) and close it, build an answer. The first real offer after boot would
 * otherwise pay for class loading and cold code (measured ~500 ms on an x86 VM, several times that on a Pi), which
 * matters for Echo Show's answer deadline.
 */
public final class SessionWarmup {
    private static final Logger LOG = Logger.getLogger(SessionWarmup.class.getName());

    /** A libwebrtc-shaped offer (BUNDLE, rtcp-mux, trickle, H.264 constrained baseline); addresses are TEST-NET. */
    static final String OFFER = String.join("\r\n",
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=msid-semantic: WMS",
            "m=video 9 UDP/TLS/RTP/SAVPF 102 96",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host generation 0",
            "a=ice-ufrag:wArm",
            "a=ice-pwd:warmupwarmupwarmupwarmup",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB",
            "a=setup:actpass",
            "a=mid:0",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:102 H264/90000",
            "a=rtcp-fb:102 nack",
            "a=rtcp-fb:102 nack pli",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            "a=rtpmap:96 VP8/90000",
            "");

    private SessionWarmup() {}

    /** Never throws: a failed warm-up only means the first offer is slower. */
    public static void run(SdpPort sdp, PeerTransportFactory transports) {
        long t0 = System.nanoTime();
        PeerTransport t = null;
        try {
            SdpPort.ParsedOffer offer = sdp.parse(OFFER);
            t = transports.create("warmup", offer.iceUfrag(), offer.icePwd(), offer.fingerprint(), offer.dtlsServer(),
                    offer.candidates());
            SdpPort.LocalDescription local = new SdpPort.LocalDescription(t.iceUfrag(), t.icePwd(), t.fingerprint(),
                    1, "warmup", "warmup", "warmup");
            sdp.answer(offer, SessionSettings.DEFAULT_PROFILE_LEVEL_ID, local, List.of(), false);
            sdp.answer(offer, SessionSettings.DEFAULT_PROFILE_LEVEL_ID, local, offer.candidates(), true);
            LOG.fine(() -> "offer path warmed up in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "offer path warm-up failed", e);
        } finally {
            if (t != null) t.close();
        }
    }
}
