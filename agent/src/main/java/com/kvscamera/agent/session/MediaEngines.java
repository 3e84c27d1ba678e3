package com.kvscamera.agent.session;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * Loads an optional {@link MediaEngine}: from the agent's own class path when its provider is there, else from its
 * jar: {@code -Dkvs.engineJar=PATH} when set, else
 * {@code kvs-engine-NAME.jar} next to the agent's jar, else {@code engine-NAME/target/kvs-engine-NAME.jar} under the
 * working directory (a source checkout). The jar gets its own class loader over the agent's, which it keeps for as
 * long as the engine runs.
 */
public final class MediaEngines {
    private static final Logger LOG = Logger.getLogger(MediaEngines.class.getName());
    public static final String JAR_PROPERTY = "kvs.engineJar";

    private MediaEngines() {}

    /** @throws IllegalArgumentException naming {@code webrtc.engine} and the places looked at when there is no jar */
    public static MediaEngine start(String name, MediaEngine.Context context) throws Exception {
        // an engine already on the class path (a development or test class path) needs no jar
        for (MediaEngine.Provider p : ServiceLoader.load(MediaEngine.Provider.class, MediaEngines.class.getClassLoader())) {
            if (p.name().equals(name)) {
                LOG.info("'webrtc.engine' " + name + ": found on the class path");
                return p.start(context);
            }
        }
        Path jar = locate(name);
        @SuppressWarnings("resource") // the engine's classes live as long as the engine; the JVM ends both
        URLClassLoader loader = new URLClassLoader("engine-" + name, new URL[] {jar.toUri().toURL()},
                MediaEngines.class.getClassLoader());
        for (MediaEngine.Provider p : ServiceLoader.load(MediaEngine.Provider.class, loader)) {
            if (p.name().equals(name)) {
                LOG.info("'webrtc.engine' " + name + ": loading " + jar);
                return p.start(context);
            }
        }
        throw new IllegalArgumentException("'webrtc.engine' " + name + ": " + jar + " provides no engine named " + name);
    }

    static Path locate(String name) throws IOException {
        String forced = System.getProperty(JAR_PROPERTY);
        if (forced != null) {
            Path p = Path.of(forced);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("'webrtc.engine' " + name + ": -D" + JAR_PROPERTY + "=" + forced
                        + " does not exist");
            }
            return p;
        }
        String file = "kvs-engine-" + name + ".jar";
        List<Path> tried = new ArrayList<>();
        Path agentDir = agentJarDirectory();
        if (agentDir != null) tried.add(agentDir.resolve(file));
        tried.add(Path.of("engine-" + name, "target", file));
        for (Path p : tried) {
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalArgumentException("'webrtc.engine' " + name + " needs " + file + ", not found at " + tried
                + "; put it next to the agent's jar or set -D" + JAR_PROPERTY + "=PATH");
    }

    private static Path agentJarDirectory() {
        try {
            var src = MediaEngines.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
