package com.kvscamera.agent.session;

import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.srtp.SrtpSession;

/**
 * The secure media path of one session: ICE (controlled) to find a route, DTLS on it to key SRTP, SRTP to protect
 * media. {@link RtcPeerTransport} joins the rtc module's parts; tests may use any other implementation.
 * All methods return quickly and may be called from any thread.
 */
public interface PeerTransport {
    String iceUfrag();

    String icePwd();

    /** Local DTLS fingerprint as {@code sha-256 AB:CD:...}. */
    String fingerprint();

    /** Starts gathering local candidates and answering connectivity checks. */
    void start(Listener listener);

    /** A remote candidate line ({@code candidate:...}); empty means end-of-candidates. */
    void addRemoteCandidate(String candidate);

    /** SRTP keys of the session; valid once {@link Listener#onSecure()} was called. */
    SrtpSession srtp();

    /** The selected ICE path; valid once {@link Listener#onSecure()} was called. */
    PacketSender path();

    /** Frees sockets, timers and threads; sends DTLS close_notify when secure. Idempotent. */
    void close();

    interface Listener {
        void onLocalCandidate(String candidate);

        /** Gathering finished (every configured source answered or gave up). */
        void onGatheringComplete();

        /** ICE selected a pair and DTLS finished: SRTP keys are in place. */
        void onSecure();

        /** One decrypted, authenticated RTCP compound packet from the viewer. */
        void onRtcp(byte[] packet, int offset, int length);

        /** The path is gone: DTLS close_notify, consent failure, ICE failure or a fatal error. */
        void onFailed(String reason);
    }
}
