package com.kvscamera.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injected faults, session lifetime and idle timeout, as a connected master sees them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    KvsEmulator emu;
    final List<WsClient> clients = new ArrayList<>();

    KvsEmulator start(EmulatorOptions.Builder b) throws Exception {
        emu = KvsEmulator.start(b.accessKeyId("AKIDEXAMPLE").secretAccessKey("secret").createChannel("cam1").build());
        return emu;
    }

    WsClient master() {
        WsClient c = WsClient.connect(emu.presignMaster("cam1"));
        clients.add(c);
        return c;
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        if (emu != null) {
            emu.close();
        }
    }

    @Test
    void goAwayIsSentThenTheSocketClosesAfterTheGrace() throws Exception {
        start(EmulatorOptions.builder().goAwayGrace(Duration.ofMillis(300)));
        WsClient m = master();
        waitConnected();
        emu.inject("cam1", "GO_AWAY");
        assertEquals("{\"messageType\":\"GO_AWAY\"}", m.next(WAIT));
        assertEquals(1001, m.awaitEnd(WAIT));
    }

    @Test
    void reconnectIceServerIsSentAndTheSocketStays() throws Exception {
        start(EmulatorOptions.builder());
        WsClient m = master();
        waitConnected();
        emu.inject("cam1", "RECONNECT_ICE_SERVER");
        assertEquals("{\"messageType\":\"RECONNECT_ICE_SERVER\"}", m.next(WAIT));
        m.ping();
        assertTrue(m.pongs.poll(5, TimeUnit.SECONDS) != null);
        assertFalse(m.closed.isDone());
    }

    @Test
    void close1001() throws Exception {
        start(EmulatorOptions.builder());
        WsClient m = master();
        waitConnected();
        emu.inject("cam1", "CLOSE_1001");
        assertEquals(1001, m.awaitEnd(WAIT));
        awaitState(s -> !s.masterConnected());
    }

    @Test
    void dropEndsTheConnectionWithoutACloseFrame() throws Exception {
        start(EmulatorOptions.builder());
        WsClient m = master();
        waitConnected();
        emu.inject("cam1", "DROP");
        assertEquals(-1, m.awaitEnd(WAIT), "abortive end: no close frame");
        awaitState(s -> !s.masterConnected());
    }

    /**
     * End to end: an offer sent right after the fault reaches the next master. Over loopback the old socket usually
     * finishes closing first, so the window itself is pinned down deterministically in MasterOfflineTest.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CLOSE_1001", "DROP"})
    void anOfferSentWhileTheMasterIsClosingReachesTheReconnectingMaster(String event) throws Exception {
        start(EmulatorOptions.builder());
        WsClient old = master();
        WsClient v = WsClient.connect(emu.presignViewer("cam1", "v1"));
        clients.add(v);
        awaitState(s -> s.masterConnected() && s.viewers() == 1);
        emu.inject("cam1", event);
        String offer = Frames.offerPayload("during-" + event);
        v.send(Frames.js("SDP_OFFER", null, offer, null)); // same thread, no waiting: the close is still under way
        old.awaitEnd(WAIT);
        assertTrue(old.messages.isEmpty(), "nothing was written to the closing socket: " + old.messages);

        WsClient fresh = master();
        var frame = JSON.readTree(fresh.next(WAIT));
        assertEquals("SDP_OFFER", frame.get("messageType").asText());
        assertEquals(offer, frame.get("messagePayload").asText());
        assertEquals("v1", frame.get("senderClientId").asText());
        awaitState(s -> s.masterConnected() && s.masterConnections() == 2);
    }

    @Test
    void strayGatewayFrameHasNoMessageType() throws Exception {
        start(EmulatorOptions.builder());
        WsClient m = master();
        waitConnected();
        emu.inject("cam1", "STRAY_FRAME");
        var frame = JSON.readTree(m.next(WAIT));
        assertEquals("Internal server error", frame.get("message").asText());
        assertFalse(frame.has("messageType"));
    }

    @Test
    void sessionLifetimeClosesWith1001AndIsCounted() throws Exception {
        start(EmulatorOptions.builder().sessionTtl(Duration.ofMillis(400)));
        WsClient m = master();
        WsClient v = WsClient.connect(emu.presignViewer("cam1", "v1"));
        clients.add(v);
        assertEquals(1001, m.awaitEnd(WAIT));
        assertEquals(1001, v.awaitEnd(WAIT));
        awaitState(s -> s.sessionsExpired() == 2 && !s.masterConnected() && s.viewers() == 0);
    }

    @Test
    void idleConnectionsAreClosedButTrafficKeepsThemOpen() throws Exception {
        start(EmulatorOptions.builder().idleTimeout(Duration.ofMillis(600)));
        WsClient idle = master();
        WsClient busy = WsClient.connect(emu.presignViewer("cam1", "busy"));
        clients.add(busy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!idle.closed.isDone() && System.nanoTime() < deadline) {
            busy.ping(); // pings are traffic
            busy.pongs.poll(150, TimeUnit.MILLISECONDS);
        }
        assertEquals(1001, idle.awaitEnd(WAIT));
        assertFalse(busy.closed.isDone(), "a connection with traffic stays open");
        assertEquals(0, emu.state().channel("cam1").orElseThrow().sessionsExpired(), "idle close is not a lifetime end");
    }

    @Test
    void injectWithoutMasterOrWithUnknownEventIsRefused() throws Exception {
        start(EmulatorOptions.builder());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> emu.inject("cam1", "DROP"));
        assertTrue(none.getMessage().contains("No master is connected"), none.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> emu.inject("cam1", "EXPLODE"));
        assertTrue(bad.getMessage().contains("'event'"), bad.getMessage());
        IllegalArgumentException ghost = assertThrows(IllegalArgumentException.class, () -> emu.inject("ghost", "DROP"));
        assertTrue(ghost.getMessage().startsWith("ResourceNotFoundException"), ghost.getMessage());
    }

    private void waitConnected() throws InterruptedException {
        awaitState(EmulatorState.ChannelState::masterConnected);
    }

    private void awaitState(java.util.function.Predicate<EmulatorState.ChannelState> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        EmulatorState.ChannelState s = emu.state().channel("cam1").orElseThrow();
        while (!p.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("state never matched: " + s);
            }
            Thread.sleep(20); // polling real network I/O with a deadline
            s = emu.state().channel("cam1").orElseThrow();
        }
    }
}
