package com.kvscamera.rtc.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Builds a self-signed ECDSA-with-SHA256 X.509 v3 certificate from bcprov's ASN.1 classes. This is the one
 * thing bcpkix's X509v3CertificateBuilder would do for us; building the 3-field Certificate sequence by hand
 * saves shipping bcpkix (1.2 MB) on the device. Peers only check the fingerprint, so no extensions are needed.
 */
final class SelfSignedCertificateBuilder {
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private SelfSignedCertificateBuilder() {
    }

    static byte[] build(ECPrivateKeyParameters priv, ECPublicKeyParameters pub, String commonName,
                        Instant notBefore, Instant notAfter, SecureRandom random) throws IOException {
        X500Name name = new X500Name("CN=" + commonName);
        V3TBSCertificateGenerator tbsGen = new V3TBSCertificateGenerator();
        // Positive 63-bit serial: unique enough for a self-signed identity, and always DER-positive.
        tbsGen.setSerialNumber(new ASN1Integer(BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE | 1)));
        tbsGen.setSignature(ECDSA_SHA256);
        tbsGen.setIssuer(name);
        tbsGen.setSubject(name);
        tbsGen.setStartDate(new Time(Date.from(notBefore)));
        tbsGen.setEndDate(new Time(Date.from(notAfter)));
        tbsGen.setSubjectPublicKeyInfo(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub));
        TBSCertificate tbs = tbsGen.generateTBSCertificate();

        byte[] tbsDer = tbs.getEncoded("DER");
        DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
                new SHA256Digest());
        signer.init(true, priv);
        signer.update(tbsDer, 0, tbsDer.length);
        byte[] signature = signer.generateSignature();

        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(tbs);
        v.add(ECDSA_SHA256);
        v.add(new DERBitString(signature));
        return Certificate.getInstance(new DERSequence(v)).getEncoded("DER");
    }

    /** Verifies the certificate's own signature with its own public key. */
    static boolean verifySelfSignature(Certificate cert, ECPublicKeyParameters pub) throws IOException {
        if (!ECDSA_SHA256.equals(cert.getSignatureAlgorithm())) {
            return false;
        }
        byte[] tbsDer = cert.getTBSCertificate().getEncoded("DER");
        DSADigestSigner verifier = new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
        verifier.init(false, pub);
        verifier.update(tbsDer, 0, tbsDer.length);
        return verifier.verifySignature(cert.getSignature().getOctets());
    }
}
