package com.kvscamera.agent.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.aws.TestPki.Issued;
import com.kvscamera.agent.aws.TestPki.KeyFormat;
import com.kvscamera.agent.config.IotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AWS IoT credentials provider against a local HTTPS endpoint that requires client certificates; all keys and
 * certificates are made inside the test. Time is a manual clock and scheduler; only the TLS exchanges are real.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IotCredentialsProviderTest {
    static final String THING = "cam-1";
    static Issued ca;
    static ManualTime time;
    static FakeIotCredentialsEndpoint endpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEndpoint() throws Exception {
        ca = TestPki.ca("Test Root CA");
        time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        endpoint = new FakeIotCredentialsEndpoint(ca, TestPki.server(ca, "localhost"),
                () -> time.clock.instant().plus(Duration.ofHours(1)));
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    private IotConfig config(String thing, Path cert, Path key) throws Exception {
        return new IotConfig(endpoint.endpoint(), FakeIotCredentialsEndpoint.ROLE_ALIAS, thing, cert, key,
                TestPki.writeCert(dir.resolve("ca.pem"), ca.cert()));
    }

    private IotConfig deviceConfig(String thing, KeyPair keys, KeyFormat format) throws Exception {
        Issued device = TestPki.device(ca, THING, keys, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)));
        return config(thing, TestPki.writeCert(dir.resolve("device.pem.crt"), device.cert()),
                TestPki.writeKey(dir.resolve("private.pem.key"), keys.getPrivate(), format));
    }

    private static IotCredentialsProvider provider(IotConfig cfg, double jitter) throws CredentialsException {
        // the background fetch runs on the thread that advances the manual clock
        return new IotCredentialsProvider(cfg, time.clock, time.scheduler, () -> jitter, Runnable::run);
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void fetchesCredentialsWithEveryKeyFormat(KeyFormat format) throws Exception {
        KeyPair keys = format == KeyFormat.SEC1_EC ? TestPki.ec() : TestPki.rsa();
        try (IotCredentialsProvider p = provider(deviceConfig(THING, keys, format), 0.5)) {
            int before = endpoint.requests.get();
            Credentials c = p.current();
            assertEquals(before + 1, endpoint.requests.get());
            assertTrue(c.accessKeyId().startsWith("ASIA"));
            assertTrue(c.secretAccessKey().value().startsWith(FakeIotCredentialsEndpoint.SECRET_PREFIX));
            assertTrue(c.sessionToken().value().startsWith(FakeIotCredentialsEndpoint.TOKEN_PREFIX));
            assertEquals(time.clock.instant().plus(Duration.ofHours(1)), c.expiration());
            assertFalse(c.toString().contains(FakeIotCredentialsEndpoint.SECRET_PREFIX), c.toString());
            assertEquals("localhost", endpoint.sniNames.get(endpoint.sniNames.size() - 1));
            assertEquals(c, p.current(), "cached");
            assertEquals(before + 1, endpoint.requests.get());
        }
    }

    @Test
    void ecKeyInPkcs8AlsoWorks() throws Exception {
        try (IotCredentialsProvider p = provider(deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8), 0.5)) {
            assertNotNull(p.current().sessionToken());
        }
    }

    @Test
    void refreshesInTheBackgroundBeforeExpiryWithJitter() throws Exception {
        endpoint.failWithStatus = 0;
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(IotCredentialsProvider.class.getName());
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(new java.util.logging.SimpleFormatter().format(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try (IotCredentialsProvider p = provider(deviceConfig(THING, TestPki.ec(), KeyFormat.SEC1_EC), 0.5)) {
            Credentials first = p.current();
            int afterFirst = endpoint.requests.get();
            // lifetime 1 h, jitter 0.5: refresh at 0.75 - 0.05 = 70% of the lifetime = 2520 s
            assertEquals(List.of(Duration.ofSeconds(2520)), time.pendingDelays());
            time.advance(Duration.ofSeconds(2519));
            assertEquals(afterFirst, endpoint.requests.get());
            assertEquals(first, p.current());
            time.advance(Duration.ofSeconds(1));
            assertEquals(afterFirst + 1, endpoint.requests.get(), "background refresh ran");
            Credentials second = p.current();
            assertFalse(second.accessKeyId().equals(first.accessKeyId()));
            assertEquals(afterFirst + 1, endpoint.requests.get(), "current() used the refreshed cache");
            assertEquals(time.clock.instant().plus(Duration.ofHours(1)), second.expiration());

            // a failing refresh is retried with backoff; once the cache is within a minute of expiry,
            // current() fetches synchronously and reports the failure
            endpoint.failWithStatus = 500;
            time.advance(Duration.ofSeconds(2520));
            assertEquals(List.of(Duration.ofSeconds(5)), time.pendingDelays());
            time.advance(Duration.ofSeconds(5));
            assertEquals(List.of(Duration.ofSeconds(10)), time.pendingDelays());
            assertEquals(second, p.current(), "still valid for a while");
            time.advance(Duration.ofSeconds(3600 - 2520 - 5 - 60));
            CredentialsException e = assertThrows(CredentialsException.class, p::current);
            assertTrue(e.getMessage().contains("HTTP 500 InternalFailure: try again"), e.getMessage());
            endpoint.failWithStatus = 0;
            assertNotNull(p.current());
            // the refreshes were logged (fetches, retries), without a secret key or token
            assertTrue(logged.size() >= 5, logged.toString());
            for (String line : logged) {
                assertFalse(line.contains(FakeIotCredentialsEndpoint.SECRET_PREFIX)
                        || line.contains(FakeIotCredentialsEndpoint.TOKEN_PREFIX), line);
            }
        } finally {
            endpoint.failWithStatus = 0;
            jul.removeHandler(capture);
        }
    }

    @Test
    void jitterSpreadsTheRefreshBetween65And75PercentOfTheLifetime() throws Exception {
        for (double jitter : new double[] {0.0, 0.999}) {
            ManualTime local = new ManualTime(time.clock.instant());
            try (IotCredentialsProvider p = new IotCredentialsProvider(
                    deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8), local.clock, local.scheduler, () -> jitter,
                    Runnable::run)) {
                p.current();
                // the fake endpoint's expiration follows the shared clock, which has not moved
                long delay = local.pendingDelays().get(0).toSeconds();
                assertTrue(jitter == 0.0 ? delay == 2700 : delay >= 2340 && delay < 2345, jitter + " -> " + delay);
            }
        }
    }

    @Test
    void backgroundFetchRunsOnTheProvidersOwnThread() throws Exception {
        ManualTime local = new ManualTime(time.clock.instant());
        try (IotCredentialsProvider p = new IotCredentialsProvider(deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8),
                local.clock, local.scheduler, () -> 0.5)) {
            Credentials first = p.current();
            int n = endpoint.requests.get();
            local.advance(Duration.ofSeconds(2520)); // hands the fetch over and returns at once
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (p.current().equals(first) && System.nanoTime() < deadline) {
                Thread.sleep(5); // polling real network I/O with a deadline
            }
            assertFalse(p.current().equals(first), "refreshed in the background");
            assertEquals(n + 1, endpoint.requests.get());
        }
    }

    @Test
    void invalidateMakesTheNextCallRefetch() throws Exception {
        try (IotCredentialsProvider p = provider(deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8), 0.5)) {
            p.current();
            int n = endpoint.requests.get();
            p.invalidate();
            p.current();
            assertEquals(n + 1, endpoint.requests.get());
        }
    }

    @Test
    void wrongThingNameIsA403NamingAliasAndThing() throws Exception {
        try (IotCredentialsProvider p = provider(deviceConfig("other-thing", TestPki.ec(), KeyFormat.PKCS8), 0.5)) {
            CredentialsException e = assertThrows(CredentialsException.class, p::current);
            assertEquals("IoT credentials provider " + endpoint.endpoint() + " refused role alias \"kvs-role\" for thing "
                    + "\"other-thing\": HTTP 403 AccessDeniedException: Invalid thing name passed", e.getMessage());
        }
    }

    @Test
    void expiredDeviceCertificateIsReportedPlainly() throws Exception {
        KeyPair keys = TestPki.ec();
        Issued expired = TestPki.device(ca, THING, keys, Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)));
        IotConfig cfg = config(THING, TestPki.writeCert(dir.resolve("old.crt"), expired.cert()),
                TestPki.writeKey(dir.resolve("old.key"), keys.getPrivate(), KeyFormat.PKCS8));
        int n = endpoint.requests.get();
        try (IotCredentialsProvider p = provider(cfg, 0.5)) {
            CredentialsException e = assertThrows(CredentialsException.class, p::current);
            assertTrue(e.getMessage().startsWith("the IoT device certificate (aws.credentials.iot.certificate, CN=cam-1) "
                    + "expired at "), e.getMessage());
        }
        assertEquals(n, endpoint.requests.get(), "no request with a certificate the server would refuse");
    }

    @Test
    void untrustedServerIsATlsFailure() throws Exception {
        Issued otherCa = TestPki.ca("Some Other CA");
        IotConfig base = deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8);
        IotConfig cfg = new IotConfig(base.endpoint(), base.roleAlias(), base.thingName(), base.certificate(),
                base.privateKey(), TestPki.writeCert(dir.resolve("other-ca.pem"), otherCa.cert()));
        try (IotCredentialsProvider p = provider(cfg, 0.5)) {
            CredentialsException e = assertThrows(CredentialsException.class, p::current);
            assertTrue(e.getMessage().startsWith("TLS handshake with IoT credentials provider " + endpoint.endpoint()
                    + " failed ("), e.getMessage());
        }
    }

    @Test
    void deviceCertificateFromAnUnknownCaIsRefusedByTheServer() throws Exception {
        Issued rogueCa = TestPki.ca("Rogue CA");
        KeyPair keys = TestPki.ec();
        Issued device = TestPki.device(rogueCa, THING, keys, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
        IotConfig cfg = config(THING, TestPki.writeCert(dir.resolve("rogue.crt"), device.cert()),
                TestPki.writeKey(dir.resolve("rogue.key"), keys.getPrivate(), KeyFormat.PKCS8));
        try (IotCredentialsProvider p = provider(cfg, 0.5)) {
            CredentialsException e = assertThrows(CredentialsException.class, p::current);
            // TLS 1.3: the server checks the client certificate after the handshake; whether its alert or its close
            // reaches the client first is a race, and both must give a clear message
            String closed = "IoT credentials provider " + endpoint.endpoint() + " closed the connection without "
                    + "answering; it most likely refused the device certificate (not registered or not active in AWS "
                    + "IoT, or from a CA it does not know)";
            String alert = "TLS handshake with IoT credentials provider " + endpoint.endpoint() + " failed (";
            assertTrue(e.getMessage().equals(closed) || e.getMessage().startsWith(alert), e.getMessage());
        }
    }

    @Test
    void unreadableOrBrokenKeysFailAtConstruction() throws Exception {
        IotConfig good = deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8);
        Path missing = dir.resolve("missing.key");
        assertEquals("aws.credentials.iot.privateKey: file not found: " + missing,
                constructionError(good, good.certificate(), missing));
        assertEquals("aws.credentials.iot.privateKey: cannot read " + dir + " (IOException)",
                constructionError(good, good.certificate(), dir));
        Path garbage = Files.writeString(dir.resolve("garbage.key"), "not a key\n");
        assertEquals("aws.credentials.iot.privateKey: no private key in " + garbage
                        + " (expected PEM \"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\")",
                constructionError(good, good.certificate(), garbage));
        Path broken = Files.writeString(dir.resolve("broken.key"), TestPki.pem("PRIVATE KEY", new byte[] {1, 2, 3}));
        assertEquals("aws.credentials.iot.privateKey: " + broken + " has a PRIVATE KEY block that cannot be parsed "
                + "(InvalidKeySpecException)", constructionError(good, good.certificate(), broken));
        Path encrypted = Files.writeString(dir.resolve("enc.key"), TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {1}));
        assertTrue(constructionError(good, good.certificate(), encrypted).contains("holds an encrypted private key"));
        Path otherKey = TestPki.writeKey(dir.resolve("other.key"), TestPki.ec().getPrivate(), KeyFormat.PKCS8);
        assertEquals("aws.credentials.iot.privateKey does not belong to the certificate in "
                + "aws.credentials.iot.certificate (CN=cam-1)", constructionError(good, good.certificate(), otherKey));
        Path notCert = Files.writeString(dir.resolve("not.crt"), "hello");
        assertEquals("aws.credentials.iot.certificate: " + notCert + " is not a PEM certificate (No certificate data found)",
                constructionError(good, notCert, good.privateKey()));
    }

    private String constructionError(IotConfig base, Path cert, Path key) {
        IotConfig cfg = new IotConfig(base.endpoint(), base.roleAlias(), base.thingName(), cert, key, base.caCertificate());
        return assertThrows(CredentialsException.class, () -> provider(cfg, 0.5)).getMessage();
    }

    @Test
    void unreachableEndpointIsReported() throws Exception {
        IotConfig good = deviceConfig(THING, TestPki.ec(), KeyFormat.PKCS8);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IotConfig cfg = new IotConfig("localhost:" + port, good.roleAlias(), good.thingName(), good.certificate(),
                good.privateKey(), good.caCertificate());
        try (IotCredentialsProvider p = provider(cfg, 0.5)) {
            CredentialsException e = assertThrows(CredentialsException.class, p::current);
            assertEquals("cannot connect to IoT credentials provider localhost:" + port
                    + " (connection refused or unreachable)", e.getMessage());
        }
    }
}
