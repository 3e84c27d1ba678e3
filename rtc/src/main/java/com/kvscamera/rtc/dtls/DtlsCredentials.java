package com.kvscamera.rtc.dtls;

import java.io.IOException;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** Our certificate as BC's TLS signer, and the cipher suites each role offers. */
final class DtlsCredentials {
    /*
     * Only AES-GCM suites: every WebRTC stack supports TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 8827 §6.5
     * names it), and a fixed record layout lets QueueDatagramTransport drop truncated protected records that BC
     * would otherwise treat as fatal (see MIN_PROTECTED_RECORD). CBC and ChaCha20 would each need their own rule.
     */
    /** As server we hold an ECDSA key, so only ECDHE_ECDSA suites. */
    static final int[] SERVER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };
    /** As client the peer may hold an RSA certificate (some embedded stacks), so ECDHE_RSA is accepted too. */
    static final int[] CLIENT_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    };

    private DtlsCredentials() {
    }

    static TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto, DtlsCertificate cert)
            throws IOException {
        TlsCertificate tlsCert = crypto.createCertificate(cert.derNoCopy());
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, cert.privateKey(),
                new Certificate(new TlsCertificate[] {tlsCert}),
                SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
