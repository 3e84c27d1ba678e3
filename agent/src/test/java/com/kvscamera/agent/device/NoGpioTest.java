package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.DeviceConfig;
import com.kvscamera.agent.signaling.SignalingEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Without GPIO the agent says so in one line and everything else (systemd status) works. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NoGpioTest {
    @TempDir
    Path dir;

    private static final DeviceConfig PINS = new DeviceConfig(new DeviceConfig.StatusLed(17, false),
            new DeviceConfig.PrivacySwitch(27, true, Duration.ofMillis(50)), true);

    private static List<LogRecord> logged(Runnable r) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord rec) {
                if (rec.getLevel().intValue() >= Level.INFO.intValue()) records.add(rec);
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(h);
        try {
            r.run();
        } finally {
            root.removeHandler(h);
        }
        return records;
    }

    /** This machine (a build host) has no /dev/gpiochip*, or an architecture Pi4J's gpiod plugin cannot load on. */
    @Test
    void thisMachineRunsWithoutGpioAfterOneLine() {
        String path = dir.resolve("notify").toString();
        try (TestUnixReceiver systemd = new TestUnixReceiver(path)) {
            DeviceIntegration[] d = new DeviceIntegration[1];
            List<LogRecord> lines = logged(() -> d[0] = DeviceIntegration.start(PINS, Map.of("NOTIFY_SOCKET", path),
                    on -> { throw new AssertionError("no privacy without a switch"); }));
            assertEquals(1, lines.size(), () -> lines.stream().map(LogRecord::getMessage).toList().toString());
            assertTrue(lines.get(0).getMessage().startsWith("no GPIO ("), lines.get(0).getMessage());
            assertTrue(lines.get(0).getMessage().endsWith("status LED and privacy switch disabled"));
            assertFalse(d[0].gpioInUse());
            assertEquals("STATUS=connecting to KVS signaling", systemd.receive());
            d[0].onSignaling(new SignalingEvent.Connected(URI.create("wss://x"), Instant.EPOCH, "boot"));
            assertEquals("READY=1\nSTATUS=connected as master, 0 viewers", systemd.receive());
            d[0].close();
            assertEquals("STOPPING=1\nSTATUS=stopping", systemd.receive());
        }
    }

    @Test
    void reasons() throws Exception {
        assertEquals("no " + dir.resolve("gpiochip*") + " on this machine", GpioAccess.unavailable(dir, "aarch64"));
        Files.createFile(dir.resolve("gpiochip0"));
        assertEquals("Pi4J's gpiod plugin has no native library for amd64", GpioAccess.unavailable(dir, "amd64"));
        assertEquals(null, GpioAccess.unavailable(dir, "aarch64"));
        List<LogRecord> lines = logged(() -> assertTrue(GpioAccess.open(dir, "aarch64", () -> {
            throw new UnsatisfiedLinkError("libpi4j-gpiod.so: wrong ELF class");
        }).isEmpty()));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).getMessage().contains("wrong ELF class"));
    }

    /**
     * On an ARM board with a gpiochip that libgpiod cannot use, or that Pi4J 2.8 does not recognise, Pi4J's gpiod
     * providers fail to start and are left out of the context (seen under qemu with scripts/arm64-smoke.sh): the
     * agent's one line gives that reason, not Pi4J's later "include this 'provider' JAR in the classpath".
     */
    @Test
    void providersThatDidNotStartAreReportedAsSuch() throws Exception {
        Files.createFile(dir.resolve("gpiochip0"));
        com.pi4j.context.Context withoutThem = com.pi4j.Pi4J.newContextBuilder().noAutoDetect()
                .disableShutdownHook().build();
        List<LogRecord> lines = logged(() -> assertTrue(GpioAccess.open(dir, "aarch64",
                () -> Pi4jGpio.started(withoutThem, "gpiod-digital-output", "gpiod-digital-input")).isEmpty()));
        assertEquals(1, lines.size());
        String line = lines.get(0).getMessage();
        assertTrue(line.contains("Pi4J's gpiod-digital-output provider did not start"), line);
        assertTrue(line.endsWith("status LED and privacy switch disabled"), line);
        assertFalse(line.contains("classpath"), line);
    }

    @Test
    void noPinsMeansNoGpioAndNoLine() {
        List<LogRecord> lines = logged(() -> DeviceIntegration.start(SdNotifyTest.NO_GPIO, Map.of(), on -> { }).close());
        assertEquals(List.of(), lines);
    }
}
