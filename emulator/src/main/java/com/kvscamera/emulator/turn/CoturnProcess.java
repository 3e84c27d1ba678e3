package com.kvscamera.emulator.turn;

import com.kvscamera.emulator.TurnServerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's coturn ({@code turnserver}) on 127.0.0.1 with TURN REST credentials (use-auth-secret), on free
 * ports, with a private config file (nothing read from /etc; the secret never appears on the command line),
 * its log captured from stdout. Restarts it if it dies (up to 3 times); {@link #close()} stops it.
 */
public final class CoturnProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoturnProcess.class);
    private static final int MAX_RESTARTS = 3;

    /**
     * @param certFile PEM certificate chain for TLS/DTLS listeners, or null for plain UDP+TCP only
     * @param keyFile  PEM private key matching certFile, or null
     */
    public record Config(String sharedSecret, String realm, Path certFile, Path keyFile) {
        public static Config plain(String sharedSecret, String realm) {
            return new Config(sharedSecret, realm, null, null);
        }

        @Override
        public String toString() {
            return "Config[realm=" + realm + ", tls=" + (certFile != null) + ", sharedSecret=<redacted>]";
        }
    }

    private final Config config;
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private volatile Process process;
    private volatile boolean closing;
    private int restarts;

    private CoturnProcess(Config config, Path dir, int port, int tlsPort) {
        this.config = config;
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** Starts coturn and waits until it answers a STUN Binding request (at most 10 s). */
    public static CoturnProcess start(Config config) throws IOException {
        Path dir = Files.createTempDirectory("kvs-coturn-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int port = FreePorts.tcpAndUdp();
        int tlsPort = config.certFile() == null ? 0 : FreePorts.tcpAndUdp();
        CoturnProcess p = new CoturnProcess(config, dir, port, tlsPort);
        p.writeConfig();
        p.launch();
        try {
            p.awaitReady(10_000);
        } catch (IOException e) {
            p.close();
            throw e;
        }
        LOG.info("coturn listening on 127.0.0.1:{} (udp+tcp){}", port, tlsPort > 0 ? ", tls " + tlsPort : "");
        return p;
    }

    /** A random shared secret for callers that do not need to choose one. */
    public static String randomSecret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    public TurnServerInfo info() {
        return new TurnServerInfo("127.0.0.1", port, port, tlsPort, config.sharedSecret(), config.realm());
    }

    public int port() {
        return port;
    }

    /** 0 when TLS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    public String realm() {
        return config.realm();
    }

    /** The last lines coturn printed (secret redacted), for test diagnostics. */
    public synchronized List<String> recentLog() {
        return new ArrayList<>(log);
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    private void writeConfig() throws IOException {
        StringBuilder c = new StringBuilder();
        c.append("listening-ip=127.0.0.1\n");
        c.append("relay-ip=127.0.0.1\n");
        c.append("listening-port=").append(port).append('\n');
        if (tlsPort > 0) {
            c.append("tls-listening-port=").append(tlsPort).append('\n');
            c.append("cert=").append(config.certFile().toAbsolutePath()).append('\n');
            c.append("pkey=").append(config.keyFile().toAbsolutePath()).append('\n');
            c.append("no-tlsv1\nno-tlsv1_1\n");
        } else {
            c.append("no-tls\nno-dtls\n");
        }
        c.append("use-auth-secret\n");
        c.append("static-auth-secret=").append(config.sharedSecret()).append('\n');
        c.append("realm=").append(config.realm()).append('\n');
        c.append("fingerprint\n");
        c.append("allow-loopback-peers\n");
        c.append("no-multicast-peers\n");
        c.append("no-cli\n");
        c.append("log-file=stdout\n");
        c.append("simple-log\n");
        c.append("pidfile=").append(dir.resolve("turnserver.pid")).append('\n');
        c.append("userdb=").append(dir.resolve("turndb")).append('\n');
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(conf, c.toString());
    }

    private void launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("turnserver", "-c", dir.resolve("turnserver.conf").toString())
                .redirectErrorStream(true)
                .directory(dir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run coturn's turnserver (install it: apt-get install coturn): "
                    + e.getMessage(), e);
        }
        process = p;
        Thread reader = new Thread(() -> pump(p), "kvs-coturn-log");
        reader.setDaemon(true);
        reader.start();
        p.onExit().thenAccept(this::exited);
    }

    private void pump(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String safe = line.replace(config.sharedSecret(), "<redacted>");
                synchronized (this) {
                    log.addLast(safe);
                    if (log.size() > 300) {
                        log.removeFirst();
                    }
                }
                LOG.debug("coturn: {}", safe);
            }
        } catch (IOException e) {
            LOG.debug("coturn log closed: {}", e.toString());
        }
    }

    private void exited(Process p) {
        if (closing) {
            return;
        }
        LOG.warn("coturn exited unexpectedly with status {}", p.exitValue());
        synchronized (this) {
            if (restarts >= MAX_RESTARTS) {
                LOG.warn("coturn restarted {} times already; giving up", restarts);
                return;
            }
            restarts++;
        }
        try {
            launch();
            LOG.info("coturn restarted (attempt {})", restarts);
        } catch (IOException e) {
            LOG.warn("coturn restart failed: {}", e.toString());
        }
    }

    /** Readiness: coturn answers a STUN Binding request on its UDP port. */
    private void awaitReady(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        byte[] request = new byte[20];
        request[1] = 0x01; // Binding request
        request[4] = 0x21;
        request[5] = 0x12;
        request[6] = (byte) 0xA4;
        request[7] = 0x42;
        byte[] transactionId = new byte[12];
        new SecureRandom().nextBytes(transactionId);
        System.arraycopy(transactionId, 0, request, 8, 12);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(200);
            while (System.nanoTime() < deadline) {
                if (!isAlive()) {
                    throw new IOException("turnserver exited during start-up; last log lines: " + tail());
                }
                s.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                try {
                    DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                    s.receive(reply);
                    if (reply.getLength() >= 20 && reply.getData()[0] == 0x01 && reply.getData()[1] == 0x01) {
                        return;
                    }
                } catch (SocketTimeoutException notYet) {
                    // coturn still starting
                }
            }
        }
        throw new IOException("turnserver did not answer STUN on 127.0.0.1:" + port + " within " + timeoutMillis
                + " ms; last log lines: " + tail());
    }

    private String tail() {
        List<String> lines = recentLog();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    @Override
    public void close() {
        closing = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("coturn on 127.0.0.1:{} stopped", port);
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", dir, e.toString());
        }
    }
}
