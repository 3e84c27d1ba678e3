package com.kvscamera.rtc.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The blocking steps the DTLS thread runs: BC's handshake, then the record loop until close. */
final class DtlsHandshake {
    /** Receive wait in the post-handshake loop; close and close_notify wake it earlier. */
    private static final int SERVE_WAIT_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(DtlsHandshake.class);

    private DtlsHandshake() {
    }

    static DTLSTransport run(DtlsRole role, BcTlsCrypto crypto, DtlsCertificate cert, PeerCertificateVerifier verifier,
                             DtlsSettings settings, HandshakeResult result, QueueDatagramTransport transport,
                             String peer) throws IOException {
        transport.armHandshakeDeadline(settings.handshakeTimeout());
        try {
            if (role == DtlsRole.SERVER) {
                transport.gateChangeCipherSpec();
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                protocol.setVerifyRequests(settings.helloVerifyCookies());
                return protocol.accept(new WebRtcDtlsServer(crypto, cert, verifier, settings, result, peer), transport);
            }
            return new DTLSClientProtocol().connect(
                    new WebRtcDtlsClient(crypto, cert, verifier, settings, result, peer), transport);
        } finally {
            transport.disarmHandshakeDeadline();
        }
    }

    /** Turns what BC threw into one sentence naming the peer and the cause. */
    static DtlsHandshakeException describe(Exception e, String peer, boolean closing, DtlsSettings settings) {
        String prefix = "DTLS handshake with " + peer;
        if (closing) {
            return new DtlsHandshakeException(prefix + " aborted: endpoint closed", e);
        }
        if (e instanceof TlsFatalAlertReceived r) {
            return new DtlsHandshakeException(prefix + " failed: peer sent fatal alert "
                    + AlertDescription.getText(r.getAlertDescription()), e);
        }
        if (e instanceof TlsTimeoutException) {
            return new DtlsHandshakeException(prefix + " failed: " + e.getMessage() + " (dtls.handshakeTimeout = "
                    + settings.handshakeTimeout().toMillis() + " ms)", e);
        }
        if (e instanceof TlsFatalAlert a) {
            return new DtlsHandshakeException(prefix + " failed: " + a.getMessage(), e);
        }
        return new DtlsHandshakeException(prefix + " failed: " + e, e);
    }

    /**
     * Reads records after the handshake so that BC can answer a retransmitted final flight and notice
     * close_notify. WebRTC without data channels carries no application data over DTLS: any is dropped.
     */
    static CloseReason serve(DTLSTransport dtls, QueueDatagramTransport transport, HandshakeResult result,
                             DtlsStats stats, String peer) {
        byte[] buf = new byte[QueueDatagramTransport.MAX_DATAGRAM];
        while (true) {
            if (result.closeNotifyReceived()) {
                return CloseReason.REMOTE_CLOSE_NOTIFY;
            }
            if (transport.isClosing()) {
                try {
                    dtls.close(); // sends close_notify
                } catch (IOException e) {
                    log.debug("close_notify to {} failed: {}", peer, e.toString());
                }
                return CloseReason.LOCAL;
            }
            if (transport.isClosed()) {
                return CloseReason.ERROR;
            }
            try {
                int n = dtls.receive(buf, 0, buf.length, SERVE_WAIT_MILLIS);
                if (n >= 0) {
                    stats.applicationDataDropped.increment();
                }
            } catch (InterruptedIOException e) {
                // woken by close() or by BC closing the transport after close_notify: the checks above decide
            } catch (TlsFatalAlertReceived e) {
                log.info("DTLS peer {} sent fatal alert {}", peer, AlertDescription.getText(e.getAlertDescription()));
                return CloseReason.REMOTE_FATAL_ALERT;
            } catch (IOException | RuntimeException e) {
                log.warn("DTLS association with {} failed: {}", peer, e.toString());
                return CloseReason.ERROR;
            }
        }
    }
}
