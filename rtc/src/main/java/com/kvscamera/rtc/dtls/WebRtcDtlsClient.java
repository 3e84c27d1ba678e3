package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
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
import org.slf4j.LoggerFactory;

/** BC TLS client policy for WebRTC (setup:active): DTLS 1.2, offers use_srtp, verifies the server by fingerprint. */
final class WebRtcDtlsClient extends DefaultTlsClient {
    private final WebRtcDtlsPeer shared;
    private SrtpProfile selected;

    WebRtcDtlsClient(BcTlsCrypto crypto, DtlsCertificate local, PeerCertificateVerifier verifier,
                     DtlsSettings settings, HandshakeResult result, String peer) {
        super(crypto);
        this.shared = new WebRtcDtlsPeer(local, verifier, settings, result, peer,
                LoggerFactory.getLogger(WebRtcDtlsClient.class));
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return WebRtcDtlsPeer.supportedVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsCredentials.CLIENT_SUITES);
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, SrtpNegotiation.offer(shared.srtpProfiles()));
        return ext;
    }

    @Override
    public void processServerExtensions(@SuppressWarnings("rawtypes") Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        selected = SrtpNegotiation.acceptAsClient(
                serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions),
                shared.srtpProfiles(), shared.peer());
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                shared.verifyPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return shared.signer(context, (BcTlsCrypto) getCrypto());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        shared.handshakeComplete(context, selected, true);
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
