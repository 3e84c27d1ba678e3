package com.kvscamera.rtc.dtls;

import static com.kvscamera.rtc.dtls.DtlsTestSupport.SERVER_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertKeysCrossMatch;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertNoDtlsThreads;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.srtp.SrtpKeyingMaterial;
import com.kvscamera.rtc.srtp.SrtpProfile;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our DTLS against an independent implementation: the OpenSSL command-line tool (installed with the OS image).
 * OpenSSL prints its EXTRACTOR-dtls_srtp export, so the SRTP keys are compared across implementations. It exports
 * 60 bytes (the AES-CM length); the TLS PRF output for 56 bytes (GCM) is its prefix.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtlsOpenSslInteropTest {
    private final ExecutorService events = DtlsTestSupport.events("openssl");
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        events.shutdownNow();
        assertNoDtlsThreads();
    }

    /** A P-256 certificate made by OpenSSL for its side, and its SHA-256 fingerprint computed by us. */
    private DtlsFingerprint opensslIdentity() throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=openssl-peer", "-days", "2",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "openssl req");
        String pem = Files.readString(dir.resolve("cert.pem"));
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return DtlsFingerprint.sha256(Base64.getDecoder().decode(b64));
    }

    private Process openssl(String... args) throws IOException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** Reads OpenSSL's output until the exported keying material line; returns {profile line, hex material}. */
    private static String[] readExport(Process p, List<String> transcript) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String profile = null;
        String line;
        while ((line = r.readLine()) != null) {
            transcript.add(line);
            if (line.contains("SRTP Extension negotiated")) {
                profile = line.trim();
            }
            int i = line.indexOf("Keying material: ");
            if (i >= 0) {
                return new String[] {profile, line.substring(i + "Keying material: ".length()).trim()};
            }
        }
        throw new IOException("openssl ended without exporting keys:\n" + String.join("\n", transcript));
    }

    /** One UDP socket on 127.0.0.1 for our endpoint; the remote address is fixed or learned from the first datagram. */
    private static final class UdpPort implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicReference<SocketAddress> remote = new AtomicReference<>();
        final Thread reader;

        UdpPort(DtlsSrtpEndpoint endpoint) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (IOException e) {
                        return;
                    }
                    remote.compareAndSet(null, p.getSocketAddress());
                    endpoint.receiver().onPacket(p.getData(), p.getOffset(), p.getLength());
                }
            }, "test-udp-openssl");
            reader.setDaemon(true);
            reader.start();
        }

        void send(byte[] d, int off, int len) throws IOException {
            SocketAddress to = remote.get();
            if (to != null) {
                socket.send(new DatagramPacket(d, off, len, to));
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            reader.join(2000);
        }
    }

    @ParameterizedTest(name = "offer {0}, mtu {1}")
    @CsvSource({"SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80, 1200", "SRTP_AES128_CM_SHA1_80, 1200",
        "SRTP_AEAD_AES_128_GCM, 300"})
    void opensslClientAgainstOurServer(String offer, int mtu) throws Exception {
        DtlsFingerprint theirs = opensslIdentity();
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(DtlsSettings.defaults(), SERVER_CERT, "openssl", events);
        try (UdpPort port = new UdpPort(server)) {
            CompletableFuture<SrtpSession> ours = server.start(DtlsRole.SERVER, theirs, port::send);
            Process client = openssl("openssl", "s_client", "-dtls1_2", "-connect",
                    "127.0.0.1:" + port.socket.getLocalPort(), "-use_srtp", offer, "-mtu", String.valueOf(mtu),
                    "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                    "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60");
            List<String> transcript = new ArrayList<>();
            SrtpSession session = await(ours);
            SrtpProfile expected = offer.startsWith("SRTP_AEAD") ? SrtpProfile.AEAD_AES_128_GCM
                    : SrtpProfile.AES_CM_128_HMAC_SHA1_80;
            assertEquals(expected, session.profile(), "we follow the client's first profile");
            String[] export = readExport(client, transcript);
            assertNotNull(export[0], "OpenSSL reports the negotiated SRTP profile");
            assertTrue(export[0].contains(offer.split(":")[0]), export[0]);

            byte[] material = HexFormat.of().parseHex(export[1].toLowerCase());
            material = java.util.Arrays.copyOf(material, SrtpKeyingMaterial.exportLength(expected));
            SrtpSession opensslSide = new SrtpSession(SrtpKeyingMaterial.fromDtlsExport(expected, material, true));
            assertKeysCrossMatch(session, opensslSide);

            client.getOutputStream().close(); // EOF on stdin: s_client sends close_notify and exits
            assertEquals(CloseReason.REMOTE_CLOSE_NOTIFY, await(server.closed()));
            assertTrue(client.waitFor(10, TimeUnit.SECONDS));
        } finally {
            server.close();
        }
    }

    @Test
    void ourClientAgainstOpensslServer() throws Exception {
        DtlsFingerprint theirs = opensslIdentity();
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        Process serverProcess = openssl("openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-use_srtp", "SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM", "-verify", "1",
                "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(),
                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "60");
        DtlsSrtpEndpoint client = new DtlsSrtpEndpoint(DtlsTestSupport.FAST, DtlsTestSupport.CLIENT_CERT, "openssl",
                events);
        try (UdpPort udp = new UdpPort(client)) {
            udp.remote.set(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            SrtpSession session = await(client.start(DtlsRole.CLIENT, theirs, udp::send));
            List<String> transcript = new ArrayList<>();
            String[] export = readExport(serverProcess, transcript);
            SrtpProfile profile = session.profile();
            byte[] material = java.util.Arrays.copyOf(HexFormat.of().parseHex(export[1].toLowerCase()),
                    SrtpKeyingMaterial.exportLength(profile));
            SrtpSession opensslSide = new SrtpSession(SrtpKeyingMaterial.fromDtlsExport(profile, material, false));
            assertKeysCrossMatch(session, opensslSide);
            System.out.println("our client vs openssl s_server: " + export[0] + ", handshake "
                    + client.stats().handshakeMillis + " ms");
        } finally {
            client.close();
        }
    }
}
