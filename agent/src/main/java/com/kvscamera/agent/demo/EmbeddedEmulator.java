package com.kvscamera.agent.demo;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the project's KVS emulator inside the demo's JVM. The emulator (Netty and its TLS/TURN helpers) is not
 * part of the device jar, because a camera never needs it: the demo loads {@code kvs-emulator.jar} from the
 * source tree it was built in, through its own class loader, and talks to it through its public Java API.
 */
final class EmbeddedEmulator implements AutoCloseable {
    private final Object emulator;
    private final URLClassLoader loader;
    private final URI baseUrl;

    private EmbeddedEmulator(Object emulator, URLClassLoader loader, URI baseUrl) {
        this.emulator = emulator;
        this.loader = loader;
        this.baseUrl = baseUrl;
    }

    /** Where the emulator jar is looked for, in order: an explicit path, then next to the agent's source tree. */
    static List<Path> candidates(Optional<Path> explicit) {
        List<Path> out = new ArrayList<>();
        explicit.ifPresent(out::add);
        try {
            Path self = Path.of(EmbeddedEmulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // agent/target/kvs-camera-agent.jar -> <root>/emulator/target/kvs-emulator.jar
            Path root = self.getParent() == null ? null : self.getParent().getParent();
            if (root != null && root.getParent() != null) {
                out.add(root.getParent().resolve("emulator/target/kvs-emulator.jar"));
            }
        } catch (Exception ignored) {
            // running from classes in an IDE: fall back to the working directory
        }
        out.add(Path.of("emulator/target/kvs-emulator.jar"));
        return out;
    }

    static EmbeddedEmulator start(Optional<Path> explicitJar, String region, String accessKeyId, String secret,
                                  String channelName, boolean turn) throws IOException {
        URL[] urls;
        if (onClassPath()) {
            urls = new URL[0]; // tests and IDEs have the emulator module on the class path already
        } else {
            Path jar = candidates(explicitJar).stream().filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException("demo: kvs-emulator.jar not found (looked in "
                            + candidates(explicitJar) + "); build it with: mvn -q -DskipTests package"));
            urls = new URL[] {jar.toUri().toURL()};
        }
        URLClassLoader loader = new URLClassLoader(urls, EmbeddedEmulator.class.getClassLoader());
        try {
            Class<?> optionsClass = loader.loadClass("com.kvscamera.emulator.EmulatorOptions");
            Object builder = optionsClass.getMethod("builder").invoke(null);
            builder = call(builder, "port", int.class, 0);
            builder = call(builder, "region", String.class, region);
            builder = call(builder, "accessKeyId", String.class, accessKeyId);
            builder = call(builder, "secretAccessKey", String.class, secret);
            builder = call(builder, "createChannel", String.class, channelName);
            builder = call(builder, "turn", boolean.class, turn);
            Object options = builder.getClass().getMethod("build").invoke(builder);
            Class<?> emulatorClass = loader.loadClass("com.kvscamera.emulator.KvsEmulator");
            Object emulator = emulatorClass.getMethod("start", optionsClass).invoke(null, options);
            URI base = (URI) emulatorClass.getMethod("baseUrl").invoke(emulator);
            return new EmbeddedEmulator(emulator, loader, base);
        } catch (ReflectiveOperationException e) {
            loader.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("demo: could not start the emulator: " + cause, cause);
        }
    }

    private static boolean onClassPath() {
        try {
            Class.forName("com.kvscamera.emulator.KvsEmulator", false, EmbeddedEmulator.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Object call(Object target, String name, Class<?> type, Object arg)
            throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(name, type);
        return m.invoke(target, arg);
    }

    URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws IOException {
        try {
            emulator.getClass().getMethod("close").invoke(emulator);
        } catch (ReflectiveOperationException e) {
            throw new IOException("demo: stopping the emulator failed: " + e.getCause(), e);
        } finally {
            loader.close();
        }
    }
}
