package com.kvscamera.agent.kvs;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for the KVS connections: the JDK's default anchors plus, optionally, extra CA certificates from a
 * PEM file (a local emulator, a corporate TLS proxy). Certificates and host names are always verified.
 */
public final class TlsTrust {
    private TlsTrust() {}

    /** The default context when {@code extraCaPem} is null; otherwise default anchors OR the extra CAs. */
    public static SSLContext context(Path extraCaPem) throws IOException, GeneralSecurityException {
        if (extraCaPem == null) {
            return SSLContext.getDefault();
        }
        X509ExtendedTrustManager system = trustManager(null);
        X509ExtendedTrustManager extra = trustManager(keyStore(extraCaPem));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new EitherTrustManager(system, extra)}, null);
        return ctx;
    }

    private static KeyStore keyStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new CertificateException("no certificate in " + pem);
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("extra-ca-" + i++, c);
        }
        return ks;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager available");
    }

    /** Accepts a chain that either manager accepts; both check the host name through the SSLSocket/SSLEngine. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager a;
        private final X509ExtendedTrustManager b;

        EitherTrustManager(X509ExtendedTrustManager a, X509ExtendedTrustManager b) {
            this.a = a;
            this.b = b;
        }

        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(a);
            } catch (CertificateException first) {
                try {
                    check.run(b);
                } catch (CertificateException second) {
                    second.addSuppressed(first);
                    throw second;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, s));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, e));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(a.getAcceptedIssuers()));
            all.addAll(List.of(b.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
