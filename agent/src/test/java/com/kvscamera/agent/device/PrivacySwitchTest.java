package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.DeviceConfig;
import com.kvscamera.agent.session.SessionEvent;
import com.kvscamera.agent.session.SessionListener;
import com.kvscamera.agent.session.SessionManager;
import com.kvscamera.agent.session.SessionSettings;
import com.kvscamera.agent.session.SessionStats;
import com.kvscamera.agent.session.ViewerSession;
import com.kvscamera.agent.signaling.SignalingEvent;
import com.kvscamera.agent.testing.ManualScheduler;
import com.kvscamera.agent.signaling.SignalingOut;
import com.pi4j.io.gpio.digital.DigitalState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The privacy switch on Pi4J's mock input, debounced on a manual clock, acting on a real {@link SessionManager}
 * (whose sessions are stand-ins that connect at once): on closes every session and refuses offers; off accepts again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrivacySwitchTest {
    private static final SignalingOut NO_OUT = new SignalingOut() {
        @Override
        public void sendAnswer(String clientId, String sdp) { }

        @Override
        public void sendCandidate(String clientId, String candidate, String mid, int index) { }
    };

    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> notified = new CopyOnWriteArrayList<>();
    private final List<Stand> sessions = new CopyOnWriteArrayList<>();
    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private final SessionManager manager = new SessionManager(SessionSettings.defaults(), (id, sdp, out, l) -> {
        Stand s = new Stand(id, l);
        sessions.add(s);
        return s;
    });

    static final class Stand implements ViewerSession {
        final String id;
        final SessionListener listener;
        volatile String closedWith;

        Stand(String id, SessionListener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override public String clientId() { return id; }
        @Override public void start() { listener.onConnected(this); }
        @Override public void addRemoteCandidate(String c) { }
        @Override public SessionStats stats() { return new SessionStats(); }

        @Override
        public synchronized void close(String reason) {
            if (closedWith != null) return;
            closedWith = reason;
            listener.onClosed(this, reason);
        }
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private DeviceIntegration device(MockGpio gpio, boolean activeLow) {
        DeviceConfig cfg = new DeviceConfig(new DeviceConfig.StatusLed(17, false),
                new DeviceConfig.PrivacySwitch(27, activeLow, Duration.ofMillis(50)), true);
        DeviceIntegration d = new DeviceIntegration(cfg, notified::add, Optional.empty(), c -> Optional.of(gpio),
                manager::setPrivacy, clock, null);
        manager.addListener(d::onSession);
        manager.addListener(events::add);
        d.onSignaling(new SignalingEvent.Connected(URI.create("wss://x"), Instant.EPOCH, "boot"));
        clock.runDue();
        return d;
    }

    @Test
    void switchOnClosesEverySessionAndRefusesOffersUntilOff() {
        MockGpio gpio = new MockGpio(true); // active low, pulled up: off
        DeviceIntegration d = device(gpio, true);
        manager.onOffer("viewer-1", "offer", NO_OUT);
        manager.onOffer("viewer-2", "offer", NO_OUT);
        await(() -> manager.viewers() == 2);
        await(() -> { clock.runDue(); return d.state().viewers() == 2; });
        assertTrue(notified.contains("STATUS=connected as master, 2 viewers"));

        // contact bounce: 20 ms low, 10 ms high, then low for good
        gpio.input("privacy-switch").mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(20));
        gpio.input("privacy-switch").mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(10));
        gpio.input("privacy-switch").mockState(DigitalState.LOW);
        clock.advance(Duration.ofMillis(49));
        assertFalse(d.state().privacy(), "not before the level held for 50 ms");
        assertEquals(2, manager.viewers());
        clock.advance(Duration.ofMillis(1));
        assertTrue(d.state().privacy());
        assertEquals(LedPattern.DOUBLE_BLINK, d.state().led());
        assertTrue(notified.contains("STATUS=privacy on: offers refused; connected as master"), notified.toString());

        // every session is closed at once; a new offer is refused
        await(() -> manager.viewers() == 0 && sessions.stream().allMatch(s -> s.closedWith != null));
        for (Stand s : sessions) assertEquals("privacy", s.closedWith);
        manager.onOffer("viewer-3", "offer", NO_OUT);
        // the manager reports on its own event thread
        await(() -> events.stream().anyMatch(e -> e.kind() == SessionEvent.Kind.OFFER_REFUSED
                && e.clientId().equals("viewer-3") && e.detail().equals("privacy mode is on")));
        assertEquals(1, manager.offersRefused());

        // off: offers are accepted again
        gpio.input("privacy-switch").mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(50));
        assertFalse(d.state().privacy());
        assertTrue(notified.get(notified.size() - 1).startsWith("STATUS=connected as master"), notified.toString());
        manager.onOffer("viewer-4", "offer", NO_OUT);
        await(() -> manager.viewers() == 1);
        assertEquals(1, manager.offersRefused());
        assertNull(sessions.get(sessions.size() - 1).closedWith);
        d.close();
        clock.runDue();
    }

    @Test
    void switchOnAtBootMeansPrivacyFromTheStart() {
        MockGpio gpio = new MockGpio(false); // active low and already low
        DeviceIntegration d = device(gpio, true);
        assertTrue(d.state().privacy());
        manager.onOffer("viewer-1", "offer", NO_OUT);
        await(() -> manager.offersRefused() == 1);
        assertEquals(0, manager.viewers());
        d.close();
        clock.runDue();
    }

    @Test
    void activeHighSwitch() {
        MockGpio gpio = new MockGpio(false); // active high, pulled down: off
        DeviceIntegration d = device(gpio, false);
        assertFalse(d.state().privacy());
        gpio.input("privacy-switch").mockState(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(50));
        assertTrue(d.state().privacy());
        d.close();
        clock.runDue();
    }

    /** Polls with a deadline: the session manager runs on its own real threads. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 5 s");
            Thread.onSpinWait();
        }
    }
}
