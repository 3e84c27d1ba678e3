package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.DeviceConfig;
import com.kvscamera.agent.media.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WatchdogTest {
    @TempDir
    Path dir;

    @Test
    void intervalIsHalfOfWatchdogUsecForThisProcessOnly() {
        long me = ProcessHandle.current().pid();
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                WatchdogSettings.pingInterval(Map.of("WATCHDOG_USEC", "60000000"), me));
        assertEquals(Optional.of(Duration.ofSeconds(30)), WatchdogSettings.pingInterval(
                Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", Long.toString(me)), me));
        assertEquals(Optional.empty(), WatchdogSettings.pingInterval(
                Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", Long.toString(me + 1)), me));
        assertEquals(Optional.empty(), WatchdogSettings.pingInterval(Map.of(), me));
        assertEquals(Optional.empty(), WatchdogSettings.pingInterval(Map.of("WATCHDOG_USEC", "0"), me));
        assertEquals(Optional.empty(), WatchdogSettings.pingInterval(Map.of("WATCHDOG_USEC", "soon"), me));
        assertEquals(Optional.empty(), WatchdogSettings.pingInterval(
                Map.of("WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "x"), me));
    }

    @Test
    void deviceWatchdogFalseDisablesPings() {
        DeviceConfig off = new DeviceConfig(SdNotifyTest.NO_GPIO.statusLed(), SdNotifyTest.NO_GPIO.privacySwitch(), false);
        try (DeviceIntegration d = DeviceIntegration.start(off, Map.of("WATCHDOG_USEC", "60000000"), on -> { })) {
            assertEquals(Optional.empty(), d.watchdogInterval());
        }
    }

    @Test
    void pingsStopWhileCaptureDeliversNothingAndResume() {
        List<String> sent = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        Ticker ticker = now::get;
        WatchdogPing ping = new WatchdogPing(sent::add, frames::get, ticker, Duration.ofSeconds(120));
        for (int i = 0; i < 4; i++) { // 0..90 s: no picture yet, but inside the limit
            ping.tick();
            now.addAndGet(Duration.ofSeconds(30).toNanos());
        }
        assertEquals(4, sent.size());
        ping.tick(); // 120 s
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        ping.tick(); // 150 s without a picture: withheld
        assertEquals(5, sent.size());
        assertTrue(ping.withholding());
        frames.set(25);
        ping.tick();
        assertEquals(6, sent.size());
        assertFalse(ping.withholding());
        assertTrue(sent.stream().allMatch("WATCHDOG=1"::equals));
    }

    /**
     * The tick runs on the control thread's scheduler: while that thread is stuck, systemd hears nothing, and once it
     * runs again the pings come back. Real threads and a real socket (50 ms interval); waiting is receive timeouts.
     */
    @Test
    void aStuckControlThreadStopsThePings() throws Exception {
        String path = dir.resolve("notify").toString();
        ScheduledThreadPoolExecutor control = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "agent-control"));
        try (TestUnixReceiver systemd = new TestUnixReceiver(path);
             DeviceIntegration device = DeviceIntegration.start(SdNotifyTest.NO_GPIO, Map.of("NOTIFY_SOCKET", path,
                     "WATCHDOG_USEC", "100000", "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid())),
                     on -> { })) {
            assertEquals(Optional.of(Duration.ofMillis(50)), device.watchdogInterval());
            AtomicLong frames = new AtomicLong();
            assertTrue(device.scheduleWatchdog(control, frames::incrementAndGet, System::nanoTime).isPresent());
            awaitWatchdog(systemd);
            awaitWatchdog(systemd);

            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            control.execute(() -> {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stuck.await();
            // pings sent before the thread got stuck are already queued on the socket (sendto completed): drain them;
            // after that, six intervals of silence
            while (systemd.receive(Duration.ofMillis(20)).isPresent()) {
                // drained
            }
            Optional<String> during = systemd.receive(Duration.ofMillis(300));
            assertEquals(Optional.empty(), during, "no ping while the control thread is stuck");
            release.countDown();
            awaitWatchdog(systemd);
        } finally {
            control.shutdownNow();
        }
    }

    private static void awaitWatchdog(TestUnixReceiver systemd) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<String> m = systemd.receive(Duration.ofSeconds(1));
            if (m.isPresent() && m.get().equals("WATCHDOG=1")) return;
        }
        throw new AssertionError("no WATCHDOG=1");
    }
}
