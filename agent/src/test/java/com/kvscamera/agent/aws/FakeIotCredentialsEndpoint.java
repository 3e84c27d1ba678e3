package com.kvscamera.agent.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local stand-in for the AWS IoT credentials provider (deployment-notes §C): HTTPS on 127.0.0.1 that requires
 * a client certificate from the test CA, {@code GET /role-aliases/<alias>/credentials}, 403 "Invalid thing name
 * passed" when the thing-name header does not match the certificate's CN.
 */
final class FakeIotCredentialsEndpoint implements AutoCloseable {
    static final String ROLE_ALIAS = "kvs-role";
    static final String SECRET_PREFIX = "SERVER-SECRET-";
    static final String TOKEN_PREFIX = "SERVER-TOKEN-";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "fake-iot-endpoint"));
    private final Supplier<Instant> expiration;
    final AtomicInteger requests = new AtomicInteger();
    final List<String> sniNames = new CopyOnWriteArrayList<>();
    volatile int failWithStatus; // 0 = answer normally

    FakeIotCredentialsEndpoint(TestPki.Issued ca, TestPki.Issued serverCert, Supplier<Instant> expiration) throws Exception {
        this.expiration = expiration;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverCert.keys().getPrivate(), "x".toCharArray(),
                new Certificate[] {serverCert.cert(), ca.cert()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "x".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/role-aliases/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** host:port for aws.credentials.iot.endpoint; "localhost" so that SNI and hostname checks apply. */
    String endpoint() {
        return "localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        HttpsExchange https = (HttpsExchange) ex;
        if (https.getSSLSession() instanceof ExtendedSSLSession s) {
            for (SNIServerName n : s.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    sniNames.add(h.getAsciiName());
                }
            }
        }
        String path = ex.getRequestURI().getPath();
        String thing = ex.getRequestHeaders().getFirst("x-amzn-iot-thingname");
        String certCn = ((X509Certificate) https.getSSLSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        if (failWithStatus != 0) {
            reply(ex, failWithStatus, "InternalFailure", "{\"message\":\"try again\"}");
        } else if (!path.equals("/role-aliases/" + ROLE_ALIAS + "/credentials")) {
            reply(ex, 403, "AccessDeniedException", "{\"message\":\"Access Denied\"}");
        } else if (thing == null || !thing.equals(certCn)) {
            reply(ex, 403, "AccessDeniedException", "{\"message\":\"Invalid thing name passed\"}");
        } else {
            int n = requests.get();
            reply(ex, 200, null, "{\"credentials\":{\"accessKeyId\":\"ASIA" + String.format("%04d", n)
                    + "\",\"secretAccessKey\":\"" + SECRET_PREFIX + n + "\",\"sessionToken\":\"" + TOKEN_PREFIX + n
                    + "\",\"expiration\":\"" + expiration.get() + "\"}}");
        }
    }

    private static void reply(HttpExchange ex, int status, String errorType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            ex.getResponseHeaders().add("x-amzn-ErrorType", errorType + ":");
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
