package com.kvscamera.agent.demo;

import com.kvscamera.agent.app.RunningAgent;
import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.ConfigLoader;
import com.kvscamera.agent.media.Programs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole system on one machine: the KVS emulator (with coturn when installed), the agent as master of a demo
 * channel with a live test source, and the viewer page. Everything listens on loopback only.
 */
public final class DemoSystem implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DemoSystem.class.getName());
    public static final String CHANNEL = "demo-camera";
    static final String REGION = "us-west-2";
    static final String ACCESS_KEY_ID = "AKIDDEMOCAMERA";

    /** Live source: ffmpeg's test pattern (its running clock shows the stream is live), 720p30, 2 s GOP, no B-frames. */
    static final List<String> FFMPEG_TEST_PATTERN = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=30", "-c:v", "libx264", "-threads", "1",
            "-profile:v", "baseline", "-tune", "zerolatency", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-g", "60", "-bf", "0", "-b:v", "2M", "-f", "h264", "-");
    static final String BUNDLED_CLIP = "builtin:testpattern-640x480";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final DemoServer server;
    private final RunningAgent agent;
    private final boolean liveSource;
    private final boolean turn;

    private DemoSystem(Options options) throws Exception {
        try {
            turn = options.turn().orElseGet(() -> onPath("turnserver"));
            liveSource = options.liveSource().orElseGet(() -> onPath("ffmpeg"));
            String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            EmbeddedEmulator emulator = EmbeddedEmulator.start(options.emulatorJar(), REGION, ACCESS_KEY_ID, secret,
                    CHANNEL, turn);
            started.add(emulator);
            Path state = Files.createTempDirectory("kvs-demo-state");
            AgentConfig cfg = new ConfigLoader(Map.of()).loadYaml(yaml(emulator.baseUrl(), secret, state), "demo");
            agent = RunningAgent.start(cfg, Map.of(), Path.of(System.getProperty("user.home")), Clock.systemUTC());
            started.add(agent);
            server = DemoServer.start(options.port(), emulator.baseUrl(), CHANNEL, this::status);
            started.add(server);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    public static DemoSystem start(Options options) throws Exception {
        return new DemoSystem(options);
    }

    private String yaml(URI endpoint, String secret, Path state) {
        String capture = liveSource
                ? "  command: [" + String.join(", ", FFMPEG_TEST_PATTERN.stream().map(a -> "\"" + a + "\"").toList()) + "]\n"
                : "  file: " + BUNDLED_CLIP + "\n  frameRate: 30\n";
        return "aws:\n"
                + "  region: " + REGION + "\n"
                + "  endpoint: " + endpoint + "\n"
                + "  credentials:\n"
                + "    source: static\n"
                + "    accessKeyId: " + ACCESS_KEY_ID + "\n"
                + "    secretAccessKey: " + secret + "\n"
                + "channel:\n"
                + "  name: " + CHANNEL + "\n"
                + "webrtc:\n"
                + "  stateDirectory: " + state + "\n"
                + "capture:\n" + capture;
    }

    public URI url() {
        return server.url();
    }

    public RunningAgent agent() {
        return agent;
    }

    public String source() {
        return liveSource ? "ffmpeg test pattern 1280x720@30 (live)" : "bundled clip 640x480@30 (looping)";
    }

    public boolean turnEnabled() {
        return turn;
    }

    private Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", agent.statusLine());
        s.put("source", source());
        s.put("turn", turn);
        return s;
    }

    private static boolean onPath(String command) {
        return Programs.find(command, System.getenv("PATH")) != null;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "demo: error while stopping: " + e);
            }
        }
        started.clear();
    }

    /** Empty optionals mean "decide from what is installed". */
    public record Options(int port, Optional<Path> emulatorJar, Optional<Boolean> turn, Optional<Boolean> liveSource) {
        public static Options defaults(int port) {
            return new Options(port, Optional.ofNullable(System.getenv("KVS_DEMO_EMULATOR_JAR")).map(Path::of),
                    Optional.empty(), Optional.empty());
        }
    }
}
