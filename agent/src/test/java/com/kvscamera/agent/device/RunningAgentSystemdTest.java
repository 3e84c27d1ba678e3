package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.app.RunningAgent;
import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.ConfigLoader;
import com.kvscamera.emulator.EmulatorOptions;
import com.kvscamera.emulator.KvsEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as {@code run} wires it (emulator over TLS with SigV4, a live ffmpeg capture), under a "systemd" that
 * is a real datagram socket: READY=1 once connected as master, STATUS lines through a GO_AWAY reconnect, WATCHDOG=1
 * while the control thread and the capture are alive, STOPPING=1 on close.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunningAgentSystemdTest {
    private static final String CHANNEL = "notify-camera";
    private static final String SECRET = "notify-secret-key-not-a-real-one";

    @TempDir
    Path dir;

    @Test
    void readyStatusWatchdogAndStopping() throws Exception {
        String socket = dir.resolve("notify").toString();
        try (KvsEmulator emulator = KvsEmulator.start(EmulatorOptions.builder().secretAccessKey(SECRET).tls(true)
                .createChannel(CHANNEL).build());
             TestUnixReceiver systemd = new TestUnixReceiver(socket)) {
            AgentConfig cfg = new ConfigLoader(Map.of()).loadYaml(config(emulator, dir.resolve("state")), "notify.yaml");
            Map<String, String> env = Map.of("NOTIFY_SOCKET", socket, "WATCHDOG_USEC", "400000",
                    "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid()));
            List<String> heard = new ArrayList<>();
            RunningAgent agent = RunningAgent.start(cfg, env, dir, Clock.systemUTC());
            try {
                String ready = await(systemd, heard, m -> m.startsWith("READY=1"));
                assertEquals("READY=1\nSTATUS=connected as master, 0 viewers", ready);
                assertTrue(agent.signaling().status().connected());
                await(systemd, heard, "WATCHDOG=1"::equals);
                await(systemd, heard, "WATCHDOG=1"::equals);

                emulator.inject(CHANNEL, "GO_AWAY");
                await(systemd, heard, m -> m.startsWith("STATUS=reconnecting because "));
                await(systemd, heard, "STATUS=connected as master, 0 viewers"::equals);
                assertEquals(1, heard.stream().filter(m -> m.contains("READY=1")).count(), "READY=1 once");
            } finally {
                agent.close();
            }
            await(systemd, heard, m -> m.startsWith("STOPPING=1"));
        }
    }

    /** Collects datagrams until one matches; the agent's network work is real, so this waits with a deadline. */
    private static String await(TestUnixReceiver systemd, List<String> heard, Predicate<String> match) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<String> m = systemd.receive(Duration.ofSeconds(1));
            if (m.isPresent()) {
                heard.add(m.get());
                if (match.test(m.get())) return m.get();
            }
        }
        throw new AssertionError("not heard; got " + heard);
    }

    private static String config(KvsEmulator emulator, Path state) {
        Path ca = emulator.caCertificateFile().orElseThrow();
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
                + "  command: [ffmpeg, -hide_banner, -nostdin, -v, error, -re, -f, lavfi, -i, "
                + "\"testsrc=size=320x240:rate=15\", -c:v, libx264, -profile:v, baseline, -pix_fmt, yuv420p, "
                + "-tune, zerolatency, -bf, \"0\", -g, \"15\", -f, h264, \"-\"]\n";
    }
}
