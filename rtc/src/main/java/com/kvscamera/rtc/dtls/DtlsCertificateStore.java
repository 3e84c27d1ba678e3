package com.kvscamera.rtc.dtls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the DTLS identity in one PEM file (PKCS#8 private key, then the certificate), mode 0600, written
 * atomically. A device generates its key once instead of on every start; an unreadable or mismatched file
 * is logged and replaced rather than stopping the agent.
 */
public final class DtlsCertificateStore {
    public static final String FILE_NAME = "dtls-identity.pem";
    /** Regenerate when less than this is left, so an identity never expires in the middle of a long run. */
    static final Duration RENEW_BEFORE = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(DtlsCertificateStore.class);
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private DtlsCertificateStore() {
    }

    /**
     * Loads {@code directory/dtls-identity.pem}, or generates and stores a new identity if the file is
     * missing, corrupt or about to expire.
     *
     * @throws IOException if the directory cannot be created or the new file cannot be written
     */
    public static DtlsCertificate loadOrCreate(Path directory, Clock clock, SecureRandom random) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                DtlsCertificate cert = read(file);
                if (cert.notAfter().isBefore(clock.instant().plus(RENEW_BEFORE))) {
                    log.info("DTLS certificate in {} expires at {}; generating a new one", file, cert.notAfter());
                } else {
                    tightenPermissions(file);
                    log.debug("loaded DTLS certificate {} from {}", cert.fingerprint(), file);
                    return cert;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("DTLS certificate file {} is unusable ({}); generating a new one", file, e.getMessage());
            }
        }
        DtlsCertificate cert = DtlsCertificate.generate(clock, random);
        write(directory, file, cert);
        log.info("generated DTLS certificate {} in {}", cert.fingerprint(), file);
        return cert;
    }

    static DtlsCertificate read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] key = null;
        byte[] cert = null;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject o;
            while ((o = reader.readPemObject()) != null) {
                switch (o.getType()) {
                    case "PRIVATE KEY" -> key = o.getContent();
                    case "CERTIFICATE" -> cert = o.getContent();
                    default -> throw new IOException("unexpected PEM block '" + o.getType() + "'");
                }
            }
        }
        if (key == null || cert == null) {
            throw new IOException("expected a PRIVATE KEY and a CERTIFICATE block");
        }
        AsymmetricKeyParameter k = PrivateKeyFactory.createKey(key);
        if (!(k instanceof ECPrivateKeyParameters ec)) {
            throw new IOException("private key is not an EC key");
        }
        return DtlsCertificate.fromParts(ec, cert);
    }

    private static void write(Path directory, Path file, DtlsCertificate cert) throws IOException {
        Files.createDirectories(directory);
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(new PemObject("PRIVATE KEY",
                    PrivateKeyInfoFactory.createPrivateKeyInfo(cert.privateKey()).getEncoded("DER")));
            w.writeObject(new PemObject("CERTIFICATE", cert.derNoCopy()));
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        // Created with 0600 from the start: chmod after writing would leave a window where the key is readable.
        Path tmp = posix
                ? Files.createTempFile(directory, ".dtls-identity", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_RW))
                : Files.createTempFile(directory, ".dtls-identity", ".tmp");
        try {
            Files.writeString(tmp, sw.toString(), StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void tightenPermissions(Path file) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    && !Files.getPosixFilePermissions(file).equals(OWNER_RW)) {
                log.warn("DTLS key file {} was readable by others; setting mode 0600", file);
                Files.setPosixFilePermissions(file, OWNER_RW);
            }
        } catch (IOException e) {
            log.warn("could not check the permissions of {}: {}", file, e.getMessage());
        }
    }
}
