package com.kvscamera.agent.session;

import com.kvscamera.rtc.dtls.CloseReason;
import com.kvscamera.rtc.dtls.DtlsCertificate;
import com.kvscamera.rtc.dtls.DtlsFingerprint;
import com.kvscamera.rtc.dtls.DtlsRole;
import com.kvscamera.rtc.dtls.DtlsSettings;
import com.kvscamera.rtc.dtls.DtlsSrtpEndpoint;
import com.kvscamera.rtc.ice.IceAgent;
import com.kvscamera.rtc.ice.IceOptions;
import com.kvscamera.rtc.ice.IceState;
import com.kvscamera.rtc.net.PacketKind;
import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The rtc module's parts joined for one viewer: an {@link IceAgent} in the controlled role finds the path; once it
 * is connected a {@link DtlsSrtpEndpoint} runs the handshake over it and yields the SRTP keys; after that, RTCP
 * arriving on the path is decrypted and handed up. Consent loss (ICE FAILED), DTLS close_notify or a fatal alert
 * end the transport.
 */
final class RtcPeerTransport implements PeerTransport {
    private static final Logger LOG = Logger.getLogger(RtcPeerTransport.class.getName());

    private final String clientId;
    private final IceAgent ice;
    private final DtlsSrtpEndpoint dtls;
    private final String remoteUfrag;
    private final String remotePwd;
    private final DtlsFingerprint remoteFingerprint;
    private final DtlsRole role;
    private final List<String> remoteCandidates;
    private final AtomicBoolean dtlsStarted = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private volatile Listener listener;
    private volatile SrtpSession srtp;

    RtcPeerTransport(String clientId, IceOptions iceOptions, DtlsSettings dtlsSettings, DtlsCertificate certificate,
                     Clock clock, ScheduledExecutorService timers, Executor events, String remoteUfrag,
                     String remotePwd, String remoteFingerprint, boolean dtlsServer, List<String> remoteCandidates) {
        this.clientId = clientId;
        this.remoteUfrag = remoteUfrag;
        this.remotePwd = remotePwd;
        this.remoteFingerprint = DtlsFingerprint.parse(remoteFingerprint);
        this.role = dtlsServer ? DtlsRole.SERVER : DtlsRole.CLIENT;
        this.remoteCandidates = List.copyOf(remoteCandidates);
        this.ice = new IceAgent(iceOptions.withControlling(false), clock, timers);
        this.dtls = new DtlsSrtpEndpoint(dtlsSettings, certificate, clientId, events);
    }

    @Override
    public String iceUfrag() {
        return ice.localUfrag();
    }

    @Override
    public String icePwd() {
        return ice.localPwd();
    }

    @Override
    public String fingerprint() {
        return dtls.localFingerprint().toSdp();
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
        ice.setRemoteCredentials(remoteUfrag, remotePwd);
        for (String c : remoteCandidates) addRemoteCandidate(c);
        ice.setReceiver(PacketKind.DTLS, dtls.receiver());
        ice.setReceiver(PacketKind.RTP_RTCP, this::onRtpOrRtcp);
        ice.onStateChange(this::onIceState);
        dtls.closed().thenAccept(reason -> {
            if (reason != CloseReason.LOCAL) fail("DTLS " + reason.name().toLowerCase().replace('_', ' '));
        });
        try {
            ice.startGathering(c -> l.onLocalCandidate(c.toSdpAttribute()));
        } catch (IOException e) {
            fail("no UDP port for ICE: " + e.getMessage());
            return;
        }
        ice.gatheringComplete().thenRun(l::onGatheringComplete);
    }

    private void onIceState(IceState state) {
        switch (state) {
            case CONNECTED -> startDtls();
            case FAILED -> fail(srtp == null ? "ICE failed before connecting" : "ICE consent lost");
            default -> { }
        }
    }

    private void startDtls() {
        if (!dtlsStarted.compareAndSet(false, true)) return;
        dtls.start(role, remoteFingerprint, ice.sender()).whenComplete((keys, err) -> {
            if (err != null) {
                fail("DTLS handshake failed: " + (err.getCause() != null ? err.getCause().getMessage() : err.getMessage()));
                return;
            }
            srtp = keys;
            Listener l = listener;
            if (l != null) l.onSecure();
        });
    }

    /** RTP and RTCP share the path (rtcp-mux); a viewer sends us only RTCP (RFC 5761 §4: PT 64..95 after masking). */
    private void onRtpOrRtcp(byte[] data, int offset, int length) {
        SrtpSession keys = srtp;
        Listener l = listener;
        if (keys == null || l == null || length < 8) return;
        int pt = data[offset + 1] & 0x7F;
        if (pt < 64 || pt > 95) return;
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        int n = keys.unprotectRtcp(copy, length);
        if (n > 0) l.onRtcp(copy, 0, n);
    }

    @Override
    public void addRemoteCandidate(String candidate) {
        if (candidate == null || candidate.isBlank()) return; // end-of-candidates: checks simply run out
        try {
            ice.addRemoteCandidate(candidate);
        } catch (IllegalArgumentException e) {
            LOG.fine(() -> "viewer " + clientId + ": candidate ignored: " + e.getMessage());
        }
    }

    @Override
    public SrtpSession srtp() {
        return srtp;
    }

    @Override
    public PacketSender path() {
        return ice.sender();
    }

    private void fail(String reason) {
        if (!failed.compareAndSet(false, true)) return;
        Listener l = listener;
        if (l != null) l.onFailed(reason);
    }

    @Override
    public void close() {
        failed.set(true);
        try {
            dtls.close();
        } finally {
            ice.close();
        }
    }
}
