package com.kvscamera.rtc.dtls;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * WebRTC authenticates the DTLS peer by the fingerprint signalled in its SDP, not by a CA chain (RFC 8122 §5,
 * RFC 8827 §6.5): the end-entity certificate must hash to one of the signalled fingerprints.
 */
final class PeerCertificateVerifier {
    private final List<DtlsFingerprint> expected;
    private final String peer;

    PeerCertificateVerifier(List<DtlsFingerprint> expected, String peer) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("no remote a=fingerprint for peer " + peer + ": cannot authenticate DTLS");
        }
        this.expected = List.copyOf(expected);
        this.peer = peer;
    }

    void verify(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required,
                    "peer " + peer + " sent no DTLS certificate; WebRTC requires one to match a=fingerprint");
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        for (DtlsFingerprint f : expected) {
            if (f.matches(der)) {
                return;
            }
        }
        String actual = expected.stream()
                .map(f -> DtlsFingerprint.of(f.algorithm(), der).toSdp())
                .distinct()
                .collect(Collectors.joining(", "));
        throw new TlsFatalAlert(AlertDescription.bad_certificate, "DTLS certificate fingerprint mismatch for peer "
                + peer + ": SDP says " + expected + " but the certificate is " + actual);
    }
}
