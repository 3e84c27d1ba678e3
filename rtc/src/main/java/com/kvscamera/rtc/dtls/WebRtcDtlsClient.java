package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** BC TLS client policy for WebRTC (setup:active): DTLS 1.2, offers use_srtp, verifies the server by fingerprint. */
final class WebRtcDtlsClient extends DefaultTlsClient {
    private static final Logger log = LoggerFactory.getLogger(WebRtcDtlsClient.class);
    private final DtlsCertificate local;
    private final PeerCertificateVerifier verifier;
    private final DtlsSettings settings;
    private final HandshakeResult result;
    private final String peer;
    private SrtpProfile selected;

    WebRtcDtlsClient(BcTlsCrypto crypto, DtlsCertificate local, PeerCertificateVerifier verifier,
                     DtlsSettings settings, HandshakeResult result, String peer) {
        super(crypto);
        this.local = local;
        this.verifier = verifier;
        this.settings = settings;
        this.result = result;
        this.peer = peer;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsCredentials.CLIENT_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return (int) settings.handshakeTimeout().toMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return (int) settings.initialRetransmit().toMillis();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, SrtpNegotiation.offer(settings.srtpProfiles()));
        return ext;
    }

    @Override
    public void processServerExtensions(@SuppressWarnings("rawtypes") Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        selected = SrtpNegotiation.acceptAsClient(
                serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions),
                settings.srtpProfiles(), peer);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                verifier.verify(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return DtlsCredentials.signer(context, (BcTlsCrypto) getCrypto(), local);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        result.exportKeys(context, selected, true);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        result.alertReceived(alertLevel, alertDescription);
        log.debug("DTLS peer {} sent {} alert {}", peer, AlertLevel.getName(alertLevel),
                AlertDescription.getText(alertDescription));
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        log.debug("DTLS to {}: raising {} alert {} ({})", peer, AlertLevel.getName(alertLevel),
                AlertDescription.getText(alertDescription), message);
    }
}
