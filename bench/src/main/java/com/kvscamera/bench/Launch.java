package com.kvscamera.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * How the processes under test are started, after {@code java} (and, for cameras, the small-JVM flags) and before
 * their own arguments. {@link #jars} is what {@code kvs-bench.jar} runs; tests use {@link #classpath}.
 *
 * @param launcher the unit's ExecStart wrapper (systemd/run-agent.sh: java with an AppCDS archive) that cameras are
 *                 started through, as on a device; null to start {@code java} directly
 */
record Launch(List<String> emulator, List<String> agent, List<String> baseline, String describe, List<Path> jarFiles,
              Path launcher) {

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The built jars. The baseline is the agent itself ({@code run}, config {@code webrtc.engine: libwebrtc}), which
     * loads the engine from the jar named by {@code -Dkvs.engineJar}.
     */
    static Launch jars(Path agentJar, Path engineJar, Path emulatorJar, Path launcher) {
        return new Launch(List.of("-jar", emulatorJar.toString()),
                List.of("-jar", agentJar.toString(), "run"),
                List.of("-Dkvs.engineJar=" + engineJar, "-jar", agentJar.toString(), "run"),
                agentJar + ", " + engineJar + ", " + emulatorJar
                        + (launcher == null ? "; java started directly" : "; cameras started through " + launcher),
                List.of(agentJar, engineJar, emulatorJar), launcher);
    }

    /**
     * The same jars copied into {@code dir}, so that a rebuild during a run (other builds share the tree) cannot
     * swap a jar under a process that is starting.
     */
    Launch snapshot(Path dir) throws java.io.IOException {
        if (jarFiles.isEmpty()) return this;
        if (launcher != null && !java.nio.file.Files.isExecutable(launcher)) {
            throw new java.io.IOException(launcher + " not found: run from the repository root, or pass --no-launcher");
        }
        java.nio.file.Files.createDirectories(dir);
        Path[] copies = new Path[3];
        for (int i = 0; i < 3; i++) {
            Path src = jarFiles.get(i);
            if (!java.nio.file.Files.isRegularFile(src)) {
                throw new java.io.IOException(src + " not found: run 'mvn -DskipTests package' at the repository root first");
            }
            copies[i] = dir.resolve(src.getFileName());
            java.nio.file.Files.copy(src, copies[i], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Launch l = jars(copies[0], copies[1], copies[2], launcher);
        return new Launch(l.emulator, l.agent, l.baseline, describe + " (jars copied to " + dir + ")", l.jarFiles,
                launcher);
    }

    /**
     * The main classes from one class path (the test class path, which holds every module): the agent finds the
     * libwebrtc engine's provider on its own class path.
     */
    static Launch classpath(String classPath) {
        return new Launch(List.of("-cp", classPath, "com.kvscamera.emulator.Main"),
                List.of("-cp", classPath, "com.kvscamera.agent.cli.Main", "run"),
                List.of("-cp", classPath, "com.kvscamera.agent.cli.Main", "run"),
                "main classes from the class path", List.of(), null);
    }
}
