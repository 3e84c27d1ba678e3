package com.kvscamera.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * How the processes under test are started, after {@code java} (and, for cameras, the small-JVM flags) and before
 * their own arguments. {@link #jars} is what {@code kvs-bench.jar} runs; tests use {@link #classpath}.
 */
record Launch(List<String> emulator, List<String> agent, List<String> baseline, String describe) {

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The built jars: the agent's shaded jar, the engine jar next to it on the baseline's class path. */
    static Launch jars(Path agentJar, Path engineJar, Path emulatorJar) {
        return new Launch(List.of("-jar", emulatorJar.toString()),
                List.of("-jar", agentJar.toString(), "run"),
                List.of("-cp", agentJar + File.pathSeparator + engineJar, "com.kvscamera.engine.libwebrtc.BaselineCamera"),
                agentJar + ", " + engineJar + ", " + emulatorJar);
    }

    /** The main classes from one class path (the test class path, which holds every module). */
    static Launch classpath(String classPath) {
        return new Launch(List.of("-cp", classPath, "com.kvscamera.emulator.Main"),
                List.of("-cp", classPath, "com.kvscamera.agent.cli.Main", "run"),
                List.of("-cp", classPath, "com.kvscamera.engine.libwebrtc.BaselineCamera"),
                "main classes from the class path");
    }
}
