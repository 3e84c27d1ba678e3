package com.kvscamera.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config/ is a valid configuration. Files they name must exist, except absolute paths under /etc/
 * and /var/ (installed on the device: certificates, keys), which check-config verifies there.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExampleConfigsTest {
    static final Path REPO = repoRoot();

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config")) && Files.isDirectory(p.resolve("agent"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("config"))) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList().stream();
        }
    }

    @Test
    void theDocumentedExamplesExist() throws IOException {
        assertEquals(List.of("emulator.yaml", "gstreamer.yaml", "raspberry-pi-iot.yaml", "usb-camera-ffmpeg.yaml"),
                examples().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsValid(Path file) throws ConfigException {
        AgentConfig cfg = new ConfigLoader(Map.of()).load(file);
        for (String problem : ConfigFiles.check(cfg)) {
            String path = problem.substring(problem.indexOf(": file not found: ") + ": file not found: ".length());
            boolean devicePath = problem.contains(": file not found: /etc/") || problem.contains(": file not found: /var/");
            boolean existsInRepo = !Path.of(path).isAbsolute() && Files.isRegularFile(REPO.resolve(path));
            assertTrue(devicePath || existsInRepo, file.getFileName() + ": " + problem);
        }
    }

    @Test
    void emulatorExampleUsesStaticKeysAndTheLocalEndpoint() throws ConfigException {
        AgentConfig cfg = new ConfigLoader(Map.of()).load(REPO.resolve("config/emulator.yaml"));
        assertEquals(CredentialsSource.STATIC, cfg.aws().credentials().source());
        assertEquals("127.0.0.1", cfg.aws().endpoint().getHost());
        assertTrue(Files.isRegularFile(REPO.resolve(cfg.capture().file())));
    }

    @Test
    void raspberryPiExampleUsesIotAndRpicam() throws ConfigException {
        AgentConfig cfg = new ConfigLoader(Map.of()).load(REPO.resolve("config/raspberry-pi-iot.yaml"));
        assertEquals(CredentialsSource.IOT, cfg.aws().credentials().source());
        assertEquals(List.of("rpicam-vid", "-t", "0", "-n", "--codec", "h264", "--profile", "baseline", "--intra", "30",
                "--inline", "--flush", "-o", "-"), cfg.capture().command());
    }
}
