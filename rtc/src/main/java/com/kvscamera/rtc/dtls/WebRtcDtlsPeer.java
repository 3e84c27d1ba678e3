package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;

/**
 * What {@link WebRtcDtlsClient} and {@link WebRtcDtlsServer} do alike: DTLS 1.2 only, the configured timeouts, our
 * certificate as signer, the peer checked against a=fingerprint, SRTP keys exported at the end, alerts noted and
 * logged. Held by each rather than inherited because BC's client and server policies have different base classes.
 */
final class WebRtcDtlsPeer {
    private final DtlsCertificate local;
    private final PeerCertificateVerifier verifier;
    private final DtlsSettings settings;
    private final HandshakeResult result;
    private final String peer;
    /** The role's own logger, so log lines keep naming the client or server class. */
    private final Logger log;

    WebRtcDtlsPeer(DtlsCertificate local, PeerCertificateVerifier verifier, DtlsSettings settings,
                   HandshakeResult result, String peer, Logger log) {
        this.local = local;
        this.verifier = verifier;
        this.settings = settings;
        this.result = result;
        this.peer = peer;
        this.log = log;
    }

    static ProtocolVersion[] supportedVersions() {
        // BC 1.84 has no DTLS 1.3; browsers fall back to 1.2 when the server answers with it.
        return ProtocolVersion.DTLSv12.only();
    }

    int handshakeTimeoutMillis() {
        return (int) settings.handshakeTimeout().toMillis();
    }

    int handshakeResendTimeMillis() {
        return (int) settings.initialRetransmit().toMillis();
    }

    List<SrtpProfile> srtpProfiles() {
        return settings.srtpProfiles();
    }

    String peer() {
        return peer;
    }

    TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto) throws IOException {
        return DtlsCredentials.signer(context, crypto, local);
    }

    void verifyPeer(Certificate chain) throws IOException {
        verifier.verify(chain);
    }

    void handshakeComplete(TlsContext context, SrtpProfile selected, boolean weAreClient) {
        result.exportKeys(context, selected, weAreClient);
    }

    void alertReceived(short alertLevel, short alertDescription) {
        result.alertReceived(alertLevel, alertDescription);
        log.debug("DTLS peer {} sent {} alert {}", peer, AlertLevel.getName(alertLevel),
                AlertDescription.getText(alertDescription));
    }

    void alertRaised(short alertLevel, short alertDescription, String message) {
        log.debug("DTLS to {}: raising {} alert {} ({})", peer, AlertLevel.getName(alertLevel),
                AlertDescription.getText(alertDescription), message);
    }
}
