package com.kvscamera.agent.e2e;

import com.kvscamera.agent.app.RunningAgent;
import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.ConfigLoader;
import com.kvscamera.agent.kvs.TlsTrust;
import com.kvscamera.emulator.EmulatorOptions;
import com.kvscamera.emulator.KvsEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * The real parts of an end-to-end run on 127.0.0.1: the KVS emulator (TLS, SigV4, optionally coturn) and the agent
 * wired exactly as {@code run} wires it ({@link RunningAgent}), capturing from a live ffmpeg process.
 */
final class AgentHarness implements AutoCloseable {
    static final String CHANNEL = "e2e-camera";
    static final String SECRET = "e2e-secret-key-not-a-real-one";
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int FPS = 30;

    final KvsEmulator emulator;
    final Path dir;
    final SSLContext tls;
    final RunningAgent agent;

    private AgentHarness(KvsEmulator emulator, Path dir, SSLContext tls, RunningAgent agent) {
        this.emulator = emulator;
        this.dir = dir;
        this.tls = tls;
        this.agent = agent;
    }

    /** A live 640x480@30 baseline stream without B-frames, keyframe every second, as rpicam-vid would send. */
    static List<String> ffmpegCommand() {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS, "-c:v", "libx264", "-profile:v", "baseline",
                "-pix_fmt", "yuv420p", "-tune", "zerolatency", "-bf", "0", "-g", String.valueOf(FPS), "-f", "h264",
                "-");
    }

    static AgentHarness start(boolean turn, String extraYaml) throws Exception {
        KvsEmulator emulator = KvsEmulator.start(EmulatorOptions.builder().secretAccessKey(SECRET).tls(true)
                .turn(turn).createChannel(CHANNEL).build());
        try {
            Path dir = Files.createTempDirectory("agent-e2e-");
            Path ca = emulator.caCertificateFile().orElseThrow();
            String yaml = config(emulator, ca, dir.resolve("state")) + extraYaml;
            AgentConfig cfg = new ConfigLoader(Map.of()).loadYaml(yaml, "e2e.yaml");
            RunningAgent agent = RunningAgent.start(cfg, Map.of(), dir, Clock.systemUTC());
            AgentHarness h = new AgentHarness(emulator, dir, TlsTrust.context(ca), agent);
            h.await("signaling connected", Duration.ofSeconds(20), () -> agent.signaling().status().connected());
            h.await("first keyframe", Duration.ofSeconds(20), () -> agent.fanout().sps().isPresent());
            return h;
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    /** The configuration file an operator would write for this emulator, host candidates on loopback only. */
    static String config(KvsEmulator emulator, Path ca, Path state) {
        return "aws:\n"
                + "  region: " + emulator.options().region() + "\n"
                + "  endpoint: " + emulator.baseUrl() + "\n"
                + "  caCertificate: " + ca + "\n"
                + "  credentials:\n"
                + "    source: static\n"
                + "    accessKeyId: " + emulator.options().accessKeyId() + "\n"
                + "    secretAccessKey: " + SECRET + "\n"
                + "channel:\n"
                + "  name: " + CHANNEL + "\n"
                + "webrtc:\n"
                + "  interfaces: [lo]\n"
                + "  stateDirectory: " + state + "\n"
                + "capture:\n"
                + "  command: [" + ffmpegCommand().stream().map(a -> "\"" + a + "\"")
                .collect(Collectors.joining(", ")) + "]\n";
    }

    URI presignViewer(String clientId) {
        return emulator.presignViewer(CHANNEL, clientId);
    }

    /**
     * A viewer's signaling connection, retried for a few seconds: KVS (and the emulator) refuse more than 3
     * connects per second per channel, which tests that open several viewers at once run into.
     */
    ViewerSignaling viewerSignaling(String clientId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return new ViewerSignaling(presignViewer(clientId), tls);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(400); // the service's connect throttle is per second of real time
            }
        }
    }

    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(20); // real network I/O is being waited for; polled against a deadline
        }
    }

    @Override
    public void close() {
        try {
            agent.close();
        } finally {
            emulator.close();
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp directory left behind is not worth failing a test for
        }
    }
}
