package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.DeviceConfig;
import com.kvscamera.agent.session.SessionEvent;
import com.kvscamera.agent.signaling.SignalingEvent;
import com.kvscamera.agent.testing.ManualScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/** The LED pattern for each agent state, sampled every 25 ms of a manual clock from Pi4J's mock output line. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusLedTest {
    private static final Duration SAMPLE = Duration.ofMillis(25);

    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> notified = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "activeLow={0}")
    @ValueSource(booleans = {false, true})
    void patternFollowsTheAgent(boolean activeLow) {
        MockGpio gpio = new MockGpio(true);
        DeviceConfig cfg = new DeviceConfig(new DeviceConfig.StatusLed(17, activeLow),
                new DeviceConfig.PrivacySwitch(null, true, Duration.ofMillis(50)), true);
        DeviceIntegration device = new DeviceIntegration(cfg, notified::add, Optional.empty(), c -> Optional.of(gpio),
                on -> { }, clock, null);
        assertEquals(activeLow, gpio.outputHigh("status-led"), "the line starts at the LED's dark level");
        clock.runDue();
        // connecting: 1 s on, 1 s off
        assertEquals(repeat("1", 40) + repeat("0", 40) + repeat("1", 40), trace(gpio, activeLow, 120));

        device.onSignaling(new SignalingEvent.Connected(URI.create("wss://x"), Instant.EPOCH, "boot"));
        clock.runDue();
        assertEquals(repeat("1", 80), trace(gpio, activeLow, 80));

        device.onSession(new SessionEvent(SessionEvent.Kind.SESSION_CONNECTED, "v1", ""));
        clock.runDue();
        // streaming: 125 ms on, 125 ms off
        assertEquals(repeat("1111100000", 8), trace(gpio, activeLow, 80));

        device.onSignaling(new SignalingEvent.Reconnecting("GO_AWAY"));
        clock.runDue();
        assertEquals(repeat("1111100000", 4), trace(gpio, activeLow, 40), "media still flows while reconnecting");

        device.onSession(new SessionEvent(SessionEvent.Kind.SESSION_CLOSED, "v1", "bye"));
        clock.runDue();
        assertEquals(repeat("1", 40) + repeat("0", 40), trace(gpio, activeLow, 80), "back to connecting");

        device.onSignaling(new SignalingEvent.Stopped());
        clock.runDue();
        assertEquals(repeat("0", 80), trace(gpio, activeLow, 80));
        device.close();
        clock.runDue();
        assertTrue(gpio.closed);
        assertEquals(activeLow, gpio.outputHigh("status-led"), "released dark (Pi4J's shutdown level)");
        assertTrue(notified.contains("STOPPING=1\nSTATUS=stopping"));
    }

    /** Lit/unlit samples, one per 25 ms, of the electrical line read back through Pi4J and decoded by polarity. */
    private String trace(MockGpio gpio, boolean activeLow, int samples) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            b.append(gpio.outputHigh("status-led") != activeLow ? '1' : '0');
            clock.advance(SAMPLE);
        }
        return b.toString();
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    @ParameterizedTest(name = "activeLow={0}")
    @ValueSource(booleans = {false, true})
    void privacyIsADoubleBlink(boolean activeLow) {
        MockGpio gpio = new MockGpio(true);
        DeviceConfig cfg = new DeviceConfig(new DeviceConfig.StatusLed(17, activeLow),
                new DeviceConfig.PrivacySwitch(27, true, Duration.ofMillis(50)), true);
        DeviceIntegration device = new DeviceIntegration(cfg, notified::add, Optional.empty(), c -> Optional.of(gpio),
                on -> { }, clock, null);
        device.onSignaling(new SignalingEvent.Connected(URI.create("wss://x"), Instant.EPOCH, "boot"));
        clock.runDue();
        gpio.input("privacy-switch").mockState(com.pi4j.io.gpio.digital.DigitalState.LOW);
        clock.runDue();
        clock.advance(Duration.ofMillis(50)); // debounce
        // 150 on, 150 off, 150 on, 1550 off, sampled every 25 ms
        String period = repeat("1", 6) + repeat("0", 6) + repeat("1", 6) + repeat("0", 62);
        assertEquals(period + period, trace(gpio, activeLow, 160));
        device.close();
    }
}
