package com.kvscamera.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A camera under test as its own process with the systemd unit's small-JVM flags: the agent
 * ({@code kvs-camera-agent.jar run --config}) or the baseline (the agent's signaling and session code over the
 * libwebrtc engine). Both read the same 1280x720@30 {@code testsrc} pattern from ffmpeg: the agent as H.264
 * (GOP 2 s, ~2 Mbit/s, as a camera's hardware encoder would give it), the baseline as raw I420.
 */
final class CameraProcess implements AutoCloseable {
    enum Kind { AGENT, BASELINE }

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int FPS = 30;
    static final int GOP_FRAMES = 2 * FPS;
    /** Flags of systemd/kvs-camera-agent.service (deployment-notes.md §E). */
    static final List<String> SMALL_JVM = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx64m", "-Xss256k",
            "-XX:MaxMetaspaceSize=64m", "-XX:ReservedCodeCacheSize=24m", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData");

    final Kind kind;
    final Process process;
    final Path log;
    final long startedNanos;

    private CameraProcess(Kind kind, Process process, Path log, long startedNanos) {
        this.kind = kind;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts a camera with its configuration, state (the DTLS certificate) and class-data archive under {@code dir},
     * so that a second start in the same directory is a device's second boot.
     *
     * @param logName the camera's log file in {@code dir}
     */
    static CameraProcess start(Kind kind, Launch launch, URI emulator, Path dir, long settleMs, boolean profile,
                               String logName) throws IOException, InterruptedException {
        Thread.sleep(settleMs); // lets the emulator finish starting (see Scenario.EMULATOR_SETTLE_MS)
        String name = kind.name().toLowerCase();
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, config(kind, emulator, dir.resolve(name + "-state")));
        Path log = dir.resolve(logName);
        List<String> cmd = command(kind, launch, config);
        if (profile) cmd.add(1, "-XX:NativeMemoryTracking=summary");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (launch.launcher() != null) {
            pb.environment().put("JAVA", Launch.java());
            pb.environment().put("CACHE_DIRECTORY", Files.createDirectories(cacheDirectory(kind, dir)).toString());
        }
        long t0 = System.nanoTime();
        return new CameraProcess(kind, pb.start(), log, t0);
    }

    /** Where the launcher keeps the camera's class-data archive (systemd's CacheDirectory= on a device). */
    static Path cacheDirectory(Kind kind, Path dir) {
        return dir.resolve(kind.name().toLowerCase() + "-cache");
    }

    static List<String> command(Kind kind, Launch launch, Path config) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launch.launcher() != null ? launch.launcher().toString() : Launch.java());
        cmd.addAll(SMALL_JVM);
        cmd.addAll(kind == Kind.AGENT ? launch.agent() : launch.baseline());
        cmd.addAll(List.of("--config", config.toString()));
        return cmd;
    }

    static String config(Kind kind, URI emulator, Path state) {
        return "aws:\n"
                + "  region: " + EmulatorProcess.REGION + "\n"
                + "  endpoint: " + emulator + "\n"
                + "  credentials:\n"
                + "    source: static\n"
                + "    accessKeyId: " + EmulatorProcess.ACCESS_KEY + "\n"
                + "    secretAccessKey: " + EmulatorProcess.SECRET + "\n"
                + "channel:\n"
                + "  name: " + EmulatorProcess.CHANNEL + "\n"
                + "webrtc:\n"
                + "  maxViewers: 12\n"
                + "  interfaces: [lo]\n"
                + "  turnTransports: [udp, tcp]\n"
                + "  engine: " + (kind == Kind.AGENT ? "passthrough" : "libwebrtc") + "\n"
                + "  stateDirectory: " + state + "\n"
                + "capture:\n"
                + "  command: [" + captureCommand(kind).stream().map(a -> "\"" + a + "\"")
                .collect(Collectors.joining(", ")) + "]\n";
    }

    static List<String> captureCommand(Kind kind) {
        List<String> c = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-re", "-f",
                "lavfi", "-i", "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS));
        if (kind == Kind.AGENT) {
            c.addAll(List.of("-c:v", "libx264", "-threads", "1", "-preset", "ultrafast", "-tune", "zerolatency",
                    "-profile:v", "baseline", "-pix_fmt", "yuv420p", "-bf", "0", "-g", String.valueOf(GOP_FRAMES),
                    "-b:v", "2M", "-maxrate", "2M", "-bufsize", "1M", "-f", "h264", "-"));
        } else {
            c.addAll(List.of("-f", "rawvideo", "-pix_fmt", "yuv420p", "-"));
        }
        return c;
    }

    long pid() {
        return process.pid();
    }

    void requireAlive(String during) throws IOException {
        if (!process.isAlive()) {
            throw new IOException(kind + " exited with " + process.exitValue() + " during " + during + "; log " + log);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy(); // SIGTERM, as systemd stops the service
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

}
