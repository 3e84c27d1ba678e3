package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** BC TLS server policy for WebRTC (setup:passive): DTLS 1.2, ECDSA, mutual authentication by fingerprint, use_srtp. */
final class WebRtcDtlsServer extends DefaultTlsServer {
    private static final Logger log = LoggerFactory.getLogger(WebRtcDtlsServer.class);
    private final DtlsCertificate local;
    private final PeerCertificateVerifier verifier;
    private final DtlsSettings settings;
    private final HandshakeResult result;
    private final String peer;
    private SrtpProfile selected;

    WebRtcDtlsServer(BcTlsCrypto crypto, DtlsCertificate local, PeerCertificateVerifier verifier,
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
        // BC 1.84 has no DTLS 1.3; browsers fall back to 1.2 when the server answers with it.
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsCredentials.SERVER_SUITES);
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
    public CertificateRequest getCertificateRequest() {
        // WebRTC authenticates both ends: without the client's certificate there is nothing to match a=fingerprint.
        @SuppressWarnings("unchecked")
        Vector<Object> algs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algs, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        verifier.verify(clientCertificate);
    }

    @Override
    public void processClientExtensions(@SuppressWarnings("rawtypes") Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        selected = SrtpNegotiation.selectAsServer(TlsSRTPUtils.getUseSRTPExtension(clientExtensions),
                settings.srtpProfiles(), peer);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable ext = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(ext, SrtpNegotiation.answer(selected));
        return ext;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return DtlsCredentials.signer(context, (BcTlsCrypto) getCrypto(), local);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        result.exportKeys(context, selected, false);
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
