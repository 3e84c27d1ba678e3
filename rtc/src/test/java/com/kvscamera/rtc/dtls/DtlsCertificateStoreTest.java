package com.kvscamera.rtc.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsCertificateStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void generatedCertificateIsAValidSelfSignedP256CertificateForTheJdkToo() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate(clock, random);
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.encoded()));
        x509.verify(x509.getPublicKey()); // independent check of our hand-built ASN.1 and signature
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        assertEquals(256, ((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals(3, x509.getVersion());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.checkValidity(java.util.Date.from(NOW));
        assertEquals(NOW.plus(DtlsCertificate.VALIDITY), cert.notAfter());
    }

    @Test
    void fingerprintIsSha256UppercaseHexWithColonsAndRoundTripsThroughSdp() throws Exception {
        DtlsCertificate cert = DtlsCertificate.generate(clock, random);
        String sdp = cert.fingerprint().toSdp();
        assertTrue(sdp.matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), sdp);
        byte[] jdk = java.security.MessageDigest.getInstance("SHA-256").digest(cert.encoded());
        assertEquals(java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(jdk), cert.fingerprint().hex());
        assertEquals(cert.fingerprint(), DtlsFingerprint.parse(sdp));
        assertEquals(cert.fingerprint(), DtlsFingerprint.parse("SHA-256 " + cert.fingerprint().hex().toLowerCase()));
        assertTrue(DtlsFingerprint.parse(sdp).matches(cert.encoded()));
    }

    @Test
    void badFingerprintAttributesAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse("md5 00:11"))
                .getMessage().contains("unsupported a=fingerprint hash 'md5'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse("sha-256 00:11"))
                .getMessage().contains("must have 32 colon-separated bytes, got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse("sha-256"))
                .getMessage().contains("'<hash> <hex pairs>'"));
        String bad = "sha-1 " + "ZZ:" + "00:".repeat(18) + "00";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DtlsFingerprint.parse(bad))
                .getMessage().contains("byte 1 is not hex"));
    }

    @Test
    void storedIdentityIsReusedAcrossStartsAndTheFileIsPrivate() throws Exception {
        DtlsCertificate first = DtlsCertificateStore.loadOrCreate(dir, clock, random);
        Path file = dir.resolve(DtlsCertificateStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        DtlsCertificate second = DtlsCertificateStore.loadOrCreate(dir, clock, random);
        assertEquals(first.fingerprint(), second.fingerprint());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void looseFilePermissionsAreTightened() throws Exception {
        DtlsCertificateStore.loadOrCreate(dir, clock, random);
        Path file = dir.resolve(DtlsCertificateStore.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DtlsCertificateStore.loadOrCreate(dir, clock, random);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void corruptFileIsReplacedByANewIdentity() throws Exception {
        DtlsCertificate first = DtlsCertificateStore.loadOrCreate(dir, clock, random);
        Path file = dir.resolve(DtlsCertificateStore.FILE_NAME);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2), StandardCharsets.US_ASCII);
        assertThrows(Exception.class, () -> DtlsCertificateStore.read(file));

        DtlsCertificate replaced = DtlsCertificateStore.loadOrCreate(dir, clock, random);
        assertNotEquals(first.fingerprint(), replaced.fingerprint());
        assertEquals(replaced.fingerprint(), DtlsCertificateStore.read(file).fingerprint(), "new identity stored");
    }

    @Test
    void keyFromAnotherIdentityIsDetectedAndReplaced() throws Exception {
        DtlsCertificateStore.loadOrCreate(dir, clock, random);
        Path file = dir.resolve(DtlsCertificateStore.FILE_NAME);
        String mine = Files.readString(file);
        Path other = Files.createDirectory(dir.resolve("other"));
        DtlsCertificateStore.loadOrCreate(other, clock, random);
        String theirs = Files.readString(other.resolve(DtlsCertificateStore.FILE_NAME));
        String mixed = mine.substring(0, mine.indexOf("-----BEGIN CERTIFICATE"))
                + theirs.substring(theirs.indexOf("-----BEGIN CERTIFICATE"));
        Files.writeString(file, mixed);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DtlsCertificateStore.read(file));
        assertEquals("certificate public key does not match the private key", e.getMessage());
        DtlsCertificate fixed = DtlsCertificateStore.loadOrCreate(dir, clock, random);
        assertEquals(fixed.fingerprint(), DtlsCertificateStore.read(file).fingerprint());
    }

    @Test
    void identityCloseToExpiryIsRenewed() throws Exception {
        DtlsCertificate first = DtlsCertificateStore.loadOrCreate(dir, clock, random);
        Clock later = Clock.offset(clock, DtlsCertificate.VALIDITY.minus(Duration.ofDays(3)));
        DtlsCertificate renewed = DtlsCertificateStore.loadOrCreate(dir, later, random);
        assertNotEquals(first.fingerprint(), renewed.fingerprint());
        assertFalse(renewed.notAfter().isBefore(later.instant().plus(Duration.ofDays(300))));
    }

    @Test
    void unwritableDirectoryFailsWithThePath() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> DtlsCertificateStore.loadOrCreate(blocker.resolve("sub"), clock, random));
        assertTrue(e.getMessage().contains("not-a-dir"), e.getMessage());
    }

    @Test
    void generationTimeIsReported() {
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            DtlsCertificate.generate(clock, random);
        }
        System.out.printf("ECDSA P-256 identity generation: %.1f ms each (5 runs, x86 JIT cold start included)%n",
                (System.nanoTime() - t0) / 5e6);
    }
}
