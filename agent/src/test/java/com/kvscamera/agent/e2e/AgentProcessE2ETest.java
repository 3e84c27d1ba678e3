package com.kvscamera.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.TlsTrust;
import com.kvscamera.emulator.EmulatorOptions;
import com.kvscamera.emulator.KvsEmulator;
import com.kvscamera.testkit.WebRtcViewer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent as a separate process, started the way systemd starts it ({@code run --config FILE}), serves a viewer
 * through the emulator and stops cleanly on SIGTERM, taking its capture process with it.
 *
 * <p>It runs the shaded {@code agent/target/kvs-camera-agent.jar} when that jar is at least as new as the compiled
 * classes (after {@code mvn package}); in a build where the jar is made after the tests ({@code mvn verify} from a
 * fresh clone) it runs the same {@code Main} from the test classpath instead, and says which one it ran.
 * {@code -Dkvs.agentJar=PATH} forces a jar.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgentProcessE2ETest {

    @Test
    void runCommandServesAViewerAndStopsCleanlyOnSigterm() throws Exception {
        Path dir = Files.createTempDirectory("agent-process-e2e-");
        try (KvsEmulator emulator = KvsEmulator.start(EmulatorOptions.builder().secretAccessKey(AgentHarness.SECRET)
                .tls(true).createChannel(AgentHarness.CHANNEL).build())) {
            Path ca = emulator.caCertificateFile().orElseThrow();
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, AgentHarness.config(emulator, ca, dir.resolve("state")));
            Path log = dir.resolve("agent.log");
            List<String> cmd = agentCommand(config);
            System.out.println("starting the agent " + (cmd.contains("-jar") ? "jar" : "Main from the test classpath"));
            long started = System.nanoTime();
            Process agent = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await("master connected", Duration.ofSeconds(30), agent,
                        () -> emulator.state().channel(AgentHarness.CHANNEL).orElseThrow().masterConnected());
                System.out.printf("process start -> master connected %d ms%n", (System.nanoTime() - started) / 1_000_000);
                List<ProcessHandle> children = agent.descendants().toList();
                assertTrue(children.stream().anyMatch(c -> c.info().command().orElse("").endsWith("ffmpeg")),
                        "the capture command runs as a child of the agent");

                SSLContext tls = TlsTrust.context(ca);
                try (TrickleViewer v = new TrickleViewer(emulator.presignViewer(AgentHarness.CHANNEL, "viewer-proc"),
                        tls, "viewer-proc", WebRtcViewer.Options.videoOnly())) {
                    v.connect();
                    assertTrue(v.awaitFirstFrame(Duration.ofSeconds(15)), "no frame from the agent process\n" + tail(log));
                    assertTrue(v.peer.awaitFrames(60, Duration.ofSeconds(10)), "decoded " + v.peer.framesDecoded());
                    assertEquals(AgentHarness.WIDTH, v.peer.frameWidth());
                    assertEquals(AgentHarness.HEIGHT, v.peer.frameHeight());
                    System.out.printf("agent process: offer->answer %d ms, offer->first frame %d ms%n",
                            v.answerMillis, v.firstFrameMillis);
                }

                agent.destroy(); // SIGTERM, as systemd stops the service
                assertTrue(agent.waitFor(15, TimeUnit.SECONDS), "agent did not stop on SIGTERM\n" + tail(log));
                // the JVM reports SIGTERM as 128+15 even after an orderly shutdown hook (systemd: SuccessExitStatus=143)
                assertEquals(143, agent.exitValue(), tail(log));
                for (ProcessHandle c : children) {
                    assertTrue(c.onExit().toCompletableFuture().isDone() || !c.isAlive(),
                            "capture process " + c.pid() + " outlived the agent");
                }
                String out = Files.readString(log, StandardCharsets.UTF_8);
                assertTrue(!out.contains(AgentHarness.SECRET), "the secret key must never be logged");
                // java.util.logging's shutdown hook must not swallow what the orderly shutdown reports
                assertTrue(out.contains("agent stopped"), "shutdown was not logged\n" + tail(log));
            } finally {
                agent.destroyForcibly();
            }
        } finally {
            AgentHarness.deleteTree(dir);
        }
    }

    /** The shaded jar when it is current, else Main from this test's classpath (see the class comment). */
    static List<String> agentCommand(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String forced = System.getProperty("kvs.agentJar"); // e.g. set by an integration-test phase after package
        Path jar = Path.of(forced != null ? forced : "target/kvs-camera-agent.jar");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m"));
        if (forced != null && !Files.isRegularFile(jar)) throw new IOException("kvs.agentJar " + jar + " does not exist");
        if (forced != null || Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).toMillis() >= newestClass()) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.kvscamera.agent.cli.Main"));
        }
        cmd.addAll(List.of("run", "--config", config.toString()));
        return cmd;
    }

    private static long newestClass() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("target", "classes"))) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(Long.MAX_VALUE);
        }
    }

    private static void await(String what, Duration timeout, Process agent, java.util.function.BooleanSupplier cond)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (!agent.isAlive()) throw new AssertionError("agent exited with " + agent.exitValue() + " before " + what);
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50); // a real process is starting up
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
