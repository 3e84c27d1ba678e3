package com.kvscamera.rtc.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Our DTLS identity: an ECDSA P-256 key and a self-signed certificate, as browsers use. The key is generated
 * with bcprov's lightweight EC code so that a jlinked runtime does not need jdk.crypto.ec.
 * Use {@link DtlsCertificateStore#loadOrCreate} so that a device keeps one identity across restarts.
 */
public final class DtlsCertificate {
    /** Validity written into new certificates; peers do not check it, we regenerate when it runs out. */
    static final Duration VALIDITY = Duration.ofDays(365);
    /** Start a day early so that a peer whose clock is slightly behind never sees a "future" certificate. */
    static final Duration BACKDATE = Duration.ofDays(1);
    static final String COMMON_NAME = "kvs-camera-agent";

    private final ECPrivateKeyParameters privateKey;
    private final byte[] der;
    private final Instant notAfter;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(ECPrivateKeyParameters privateKey, byte[] der, Instant notAfter) {
        this.privateKey = privateKey;
        this.der = der;
        this.notAfter = notAfter;
        this.fingerprint = DtlsFingerprint.sha256(der);
    }

    /** Generates a fresh identity (about 10-50 ms on x86, noticeably slower on a Pi; do it once). */
    public static DtlsCertificate generate(Clock clock, SecureRandom random) {
        ECNamedDomainParameters p256 = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(p256, random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        ECPrivateKeyParameters priv = (ECPrivateKeyParameters) kp.getPrivate();
        ECPublicKeyParameters pub = (ECPublicKeyParameters) kp.getPublic();
        Instant now = clock.instant();
        Instant notAfter = now.plus(VALIDITY);
        try {
            byte[] der = SelfSignedCertificateBuilder.build(priv, pub, COMMON_NAME, now.minus(BACKDATE), notAfter,
                    random);
            return new DtlsCertificate(priv, der, notAfter);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the DTLS certificate", e);
        }
    }

    /**
     * Rebuilds an identity from stored parts, checking that they belong together.
     *
     * @throws IllegalArgumentException saying what is wrong (wrong curve, key does not match, bad signature)
     */
    static DtlsCertificate fromParts(ECPrivateKeyParameters priv, byte[] der) throws IOException {
        ECDomainParameters params = priv.getParameters();
        ECNamedDomainParameters p256 = ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);
        if (!params.getCurve().equals(p256.getCurve()) || !params.getG().equals(p256.getG())) {
            throw new IllegalArgumentException("private key is not on P-256");
        }
        Certificate cert = Certificate.getInstance(der);
        if (!(PublicKeyFactory.createKey(cert.getSubjectPublicKeyInfo()) instanceof ECPublicKeyParameters pub)) {
            throw new IllegalArgumentException("certificate does not hold an EC public key");
        }
        if (!pub.getQ().equals(params.getG().multiply(priv.getD()).normalize())) {
            throw new IllegalArgumentException("certificate public key does not match the private key");
        }
        if (!SelfSignedCertificateBuilder.verifySelfSignature(cert, pub)) {
            throw new IllegalArgumentException("certificate signature does not verify");
        }
        return new DtlsCertificate(priv, der, cert.getEndDate().getDate().toInstant());
    }

    /** The SHA-256 fingerprint for the SDP answer's {@code a=fingerprint:} line. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    public DtlsFingerprint fingerprint(String algorithm) {
        return DtlsFingerprint.of(algorithm, der);
    }

    /** DER encoding of the certificate. */
    public byte[] encoded() {
        return der.clone();
    }

    public Instant notAfter() {
        return notAfter;
    }

    ECPrivateKeyParameters privateKey() {
        return privateKey;
    }

    byte[] derNoCopy() {
        return der;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + fingerprint.toSdp() + ", notAfter=" + notAfter + "]";
    }
}
