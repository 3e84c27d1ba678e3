package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.DeviceConfig;
import com.kvscamera.agent.session.SessionEvent;
import com.kvscamera.agent.signaling.SignalingEvent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real AF_UNIX datagram socket, as systemd's side of NOTIFY_SOCKET. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SdNotifyTest {
    static final DeviceConfig NO_GPIO = new DeviceConfig(new DeviceConfig.StatusLed(null, false),
            new DeviceConfig.PrivacySwitch(null, true, Duration.ofMillis(50)), true);

    @TempDir
    Path dir;

    @Test
    void sendsToAFilesystemSocket() {
        String path = dir.resolve("notify").toString();
        try (TestUnixReceiver systemd = new TestUnixReceiver(path)) {
            Notifier n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path));
            n.send("READY=1");
            n.send("STATUS=connecting to KVS signaling");
            n.send("WATCHDOG=1");
            assertEquals("READY=1", systemd.receive());
            assertEquals("STATUS=connecting to KVS signaling", systemd.receive());
            assertEquals("WATCHDOG=1", systemd.receive());
        }
    }

    @Test
    void sendsToAnAbstractSocket() throws Exception {
        String name = "@kvs-agent-test-" + UUID.randomUUID();
        try (TestUnixReceiver systemd = new TestUnixReceiver(name)) {
            // the kernel's own view of the bound name, independent of UnixAddress: abstract names show as "@name"
            assertTrue(Files.readString(Path.of("/proc/net/unix")).contains(name), "abstract socket bound");
            SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", name)).send("STATUS=connected as master, 0 viewers");
            assertEquals("STATUS=connected as master, 0 viewers", systemd.receive());
        }
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        assertSame(Notifier.NONE, SdNotify.fromEnvironment(Map.of()));
        assertSame(Notifier.NONE, SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "")));
        assertSame(Notifier.NONE, SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "relative/socket")));
        assertSame(Notifier.NONE, SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/" + "x".repeat(120))));
    }

    @Test
    void aVanishedSocketIsNotAnError() {
        Notifier n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("gone").toString()));
        n.send("WATCHDOG=1"); // ENOENT, logged once, nothing thrown
        n.send("WATCHDOG=1");
    }

    @Test
    void agentEventsBecomeReadyStatusAndStopping() {
        String path = dir.resolve("notify").toString();
        try (TestUnixReceiver systemd = new TestUnixReceiver(path)) {
            DeviceIntegration device = DeviceIntegration.start(NO_GPIO, Map.of("NOTIFY_SOCKET", path), on -> { });
            assertEquals("STATUS=connecting to KVS signaling", systemd.receive());
            device.onSignaling(new SignalingEvent.Connected(URI.create("wss://example"), Instant.EPOCH, "boot"));
            assertEquals("READY=1\nSTATUS=connected as master, 0 viewers", systemd.receive());
            device.onSession(new SessionEvent(SessionEvent.Kind.SESSION_STARTED, "viewer-1", ""));
            device.onSession(new SessionEvent(SessionEvent.Kind.SESSION_CONNECTED, "viewer-1", ""));
            assertEquals("STATUS=connected as master, 1 viewer", systemd.receive());
            device.onSession(new SessionEvent(SessionEvent.Kind.SESSION_CONNECTED, "viewer-2", ""));
            assertEquals("STATUS=connected as master, 2 viewers", systemd.receive());
            device.onSignaling(new SignalingEvent.Reconnecting("GO_AWAY"));
            assertEquals("STATUS=reconnecting because GO_AWAY, 2 viewers", systemd.receive());
            device.onSignaling(new SignalingEvent.Connected(URI.create("wss://example"), Instant.EPOCH, "GO_AWAY"));
            // READY=1 only once per start
            assertEquals("STATUS=connected as master, 2 viewers", systemd.receive());
            device.close();
            assertEquals("STOPPING=1\nSTATUS=stopping", systemd.receive());
            assertTrue(systemd.receive(Duration.ofMillis(200)).isEmpty(), "nothing after STOPPING=1");
        }
    }
}
