package com.kvscamera.agent.aws;

import com.kvscamera.agent.config.IotConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The mutual-TLS context for the AWS IoT credentials provider: the device certificate and key as client identity,
 * and either the configured CA (for example Amazon Root CA 1) or the JDK's trust store. Never trust-all.
 */
final class IotTls {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    final List<X509Certificate> chain;
    final SSLContext context;

    private IotTls(List<X509Certificate> chain, SSLContext context) {
        this.chain = chain;
        this.context = context;
    }

    static IotTls load(IotConfig cfg) throws CredentialsException {
        List<X509Certificate> chain = PemKeys.readCertificates("aws.credentials.iot.certificate", cfg.certificate());
        PrivateKey key = PemKeys.readPrivateKey("aws.credentials.iot.privateKey", cfg.privateKey());
        checkKeyMatches(key, chain.get(0));
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("device", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, IN_MEMORY);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (cfg.caCertificate() != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate ca : PemKeys.readCertificates("aws.credentials.iot.caCertificate", cfg.caCertificate())) {
                    trust.setCertificateEntry("ca" + i++, ca);
                }
                tmf.init(trust);
            } else {
                tmf.init((KeyStore) null);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return new IotTls(chain, ctx);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CredentialsException("cannot set up TLS with the IoT device certificate ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** A key from another device's files gives an obscure handshake failure later; say it plainly now. */
    private static void checkKeyMatches(PrivateKey key, X509Certificate cert) throws CredentialsException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return;
        }
        try {
            byte[] probe = "kvs-camera-agent key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (v.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: reported below
        }
        throw new CredentialsException("aws.credentials.iot.privateKey does not belong to the certificate in "
                + "aws.credentials.iot.certificate (" + cert.getSubjectX500Principal().getName() + ")");
    }

    /** Checked before each request: an expired certificate fails the handshake with an alert that says little. */
    void checkValidity(Instant now) throws CredentialsException {
        X509Certificate device = chain.get(0);
        if (now.isAfter(device.getNotAfter().toInstant())) {
            throw new CredentialsException("the IoT device certificate (aws.credentials.iot.certificate, "
                    + device.getSubjectX500Principal().getName() + ") expired at " + device.getNotAfter().toInstant());
        }
        if (now.isBefore(device.getNotBefore().toInstant())) {
            throw new CredentialsException("the IoT device certificate (aws.credentials.iot.certificate) is not valid "
                    + "before " + device.getNotBefore().toInstant() + "; is the system clock set (time-sync)?");
        }
    }
}
