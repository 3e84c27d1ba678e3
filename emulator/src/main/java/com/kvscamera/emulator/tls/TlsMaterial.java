package com.kvscamera.emulator.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throw-away CA and a server certificate for 127.0.0.1/localhost, generated at start so that clients verify
 * wss:// and https:// for real against the CA file (no trust-all anywhere). The JDK has no public certificate
 * builder, hence BouncyCastle's; it signs through the JDK's own providers (BC is never registered).
 */
public final class TlsMaterial {
    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;
    private final Path caFile;
    private final Path serverCertFile;
    private final Path serverKeyFile;

    private TlsMaterial(X509Certificate ca, X509Certificate server, PrivateKey key, Path caFile, Path certFile,
                        Path keyFile) {
        this.caCertificate = ca;
        this.serverCertificate = server;
        this.serverKey = key;
        this.caFile = caFile;
        this.serverCertFile = certFile;
        this.serverKeyFile = keyFile;
    }

    /** Generates the CA and server certificate and writes PEM files into {@code dir}. */
    public static TlsMaterial generate(Path dir, Clock clock) throws IOException, GeneralSecurityException {
        KeyPair caKeys = ecKeyPair();
        KeyPair serverKeys = ecKeyPair();
        Instant now = clock.instant();
        Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
        Date notAfter = Date.from(now.plus(Duration.ofDays(30)));
        X500Name caName = new X500Name("CN=kvs-emulator local CA");
        SecureRandom random = new SecureRandom();
        try {
            JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName,
                    new BigInteger(64, random), notBefore, notAfter, caName, caKeys.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = toJdk(caBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(caKeys.getPrivate())));

            JcaX509v3CertificateBuilder srvBuilder = new JcaX509v3CertificateBuilder(caName,
                    new BigInteger(64, random), notBefore, notAfter, new X500Name("CN=127.0.0.1"),
                    serverKeys.getPublic());
            srvBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            srvBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            srvBuilder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            srvBuilder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate server = toJdk(srvBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(caKeys.getPrivate())));

            Path caFile = dir.resolve("kvs-emulator-ca.pem");
            Path certFile = dir.resolve("kvs-emulator-server.pem");
            Path keyFile = dir.resolve("kvs-emulator-server.key");
            Files.writeString(caFile, pem("CERTIFICATE", ca.getEncoded()));
            Files.writeString(certFile, pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
            return new TlsMaterial(ca, server, serverKeys.getPrivate(), caFile, certFile, keyFile);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the emulator certificates", e);
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate toJdk(X509CertificateHolder holder) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    public PrivateKey serverKey() {
        return serverKey;
    }

    public Path caFile() {
        return caFile;
    }

    /** Server certificate followed by the CA (the chain coturn and other servers load). */
    public Path serverCertFile() {
        return serverCertFile;
    }

    public Path serverKeyFile() {
        return serverKeyFile;
    }
}
