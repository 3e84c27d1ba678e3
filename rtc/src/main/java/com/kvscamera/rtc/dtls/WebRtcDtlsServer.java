package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.LoggerFactory;

/** BC TLS server policy for WebRTC (setup:passive): DTLS 1.2, ECDSA, mutual authentication by fingerprint, use_srtp. */
final class WebRtcDtlsServer extends DefaultTlsServer {
    private final WebRtcDtlsPeer shared;
    private SrtpProfile selected;

    WebRtcDtlsServer(BcTlsCrypto crypto, DtlsCertificate local, PeerCertificateVerifier verifier,
                     DtlsSettings settings, HandshakeResult result, String peer) {
        super(crypto);
        this.shared = new WebRtcDtlsPeer(local, verifier, settings, result, peer,
                LoggerFactory.getLogger(WebRtcDtlsServer.class));
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return WebRtcDtlsPeer.supportedVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsCredentials.SERVER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return shared.handshakeTimeoutMillis();
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return shared.handshakeResendTimeMillis();
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
        shared.verifyPeer(clientCertificate);
    }

    @Override
    public void processClientExtensions(@SuppressWarnings("rawtypes") Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        selected = SrtpNegotiation.selectAsServer(TlsSRTPUtils.getUseSRTPExtension(clientExtensions),
                shared.srtpProfiles(), shared.peer());
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
        return shared.signer(context, (BcTlsCrypto) getCrypto());
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        shared.handshakeComplete(context, selected, false);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        shared.alertReceived(alertLevel, alertDescription);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        shared.alertRaised(alertLevel, alertDescription, message);
    }
}
