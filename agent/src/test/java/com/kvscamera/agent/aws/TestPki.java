package com.kvscamera.agent.aws;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the IoT tests, made in the test with bcpkix (test scope) and the JDK's own crypto providers
 * (BouncyCastle is never registered as a JCA provider).
 */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    record Issued(KeyPair keys, X509Certificate cert) {
    }

    enum KeyFormat { PKCS8, PKCS1_RSA, SEC1_EC }

    private TestPki() {
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    static Issued ca(String cn) throws Exception {
        KeyPair keys = ec();
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), date(Instant.now().minusSeconds(3600)),
                date(Instant.now().plusSeconds(86400 * 30)), name, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(b, keys.getPrivate()));
    }

    static Issued server(Issued ca, String host) throws Exception {
        KeyPair keys = ec();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(), serial(),
                date(Instant.now().minusSeconds(3600)), date(Instant.now().plusSeconds(86400)), new X500Name("CN=" + host),
                keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, host), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new Issued(keys, sign(b, ca.keys().getPrivate()));
    }

    static Issued device(Issued ca, String thing, KeyPair keys, Instant notBefore, Instant notAfter) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(), serial(), date(notBefore), date(notAfter),
                new X500Name("CN=" + thing), keys.getPublic());
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new Issued(keys, sign(b, ca.keys().getPrivate()));
    }

    static Path writeCert(Path file, X509Certificate... certs) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            sb.append(pem("CERTIFICATE", c.getEncoded()));
        }
        return Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    }

    static Path writeKey(Path file, PrivateKey key, KeyFormat format) throws IOException {
        byte[] pkcs8 = key.getEncoded();
        String pem = switch (format) {
            case PKCS8 -> pem("PRIVATE KEY", pkcs8);
            case PKCS1_RSA -> pem("RSA PRIVATE KEY",
                    PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded());
            case SEC1_EC -> {
                // what openssl writes: an EC PARAMETERS block, then the SEC1 key with the named curve inside
                ECPrivateKey ec = (ECPrivateKey) key;
                byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(), (DERBitString) null,
                        X9ObjectIdentifiers.prime256v1).getEncoded();
                yield pem("EC PARAMETERS", X9ObjectIdentifiers.prime256v1.getEncoded()) + pem("EC PRIVATE KEY", sec1);
            }
        };
        return Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        String alg = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date date(Instant i) {
        return Date.from(i);
    }
}
