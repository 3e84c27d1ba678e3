package com.kvscamera.emulator.signaling;

import com.kvscamera.emulator.channel.ChannelRecord;
import com.kvscamera.emulator.channel.ChannelRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A master whose connection is ending is offline at once. Over loopback the close usually completes before the
 * next frame arrives, so the window is held open here by links whose close never finishes until the test says.
 * The test thread plays the router thread.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MasterOfflineTest {
    /** A connection that records what it was sent and stays open until {@link #end()}. */
    static final class SlowLink implements PeerLink {
        final List<String> sent = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();
        boolean open = true;
        boolean dropped;

        @Override public void accept(Peer peer) { }
        @Override public void reject(int status, String errorType, String message) { }
        @Override public void send(String text) { sent.add(text); }
        @Override public CompletableFuture<Void> close(int code, String reason) {
            closes.add(code);
            return CompletableFuture.completedFuture(null);
        }
        @Override public void drop() { dropped = true; }
        @Override public boolean isOpen() { return open; }
        @Override public String remoteAddress() { return "test"; }

        void end() {
            open = false;
        }
    }

    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    final ChannelRecord record = new ChannelRegistry("us-west-2", "123456789012", Clock.systemUTC())
            .create("cam1", "SINGLE_MASTER", Duration.ofSeconds(60), List.of()).orElseThrow();
    final ChannelHub hub = new ChannelHub(record, scheduler, Clock.systemUTC(), Duration.ofMinutes(45),
            Duration.ofMinutes(1));
    long ids;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    Peer connect(String clientId, SlowLink link) {
        Peer p = new Peer(++ids, "cam1", clientId, link, Clock.systemUTC());
        hub.attach(p);
        return p;
    }

    void offer(Peer viewer, String payload) throws FrameRejected {
        hub.onMessage(viewer, new ClientMessage("SDP_OFFER", null, payload, null));
    }

    @Test
    void close1001HoldsMessagesUntilTheNextMaster() throws Exception {
        SlowLink oldLink = new SlowLink();
        Peer old = connect(null, oldLink);
        Peer viewer = connect("v1", new SlowLink());
        assertTrue(hub.inject(FaultEvent.CLOSE_1001));
        assertEquals(List.of(1001), oldLink.closes);
        assertFalse(hub.snapshot().masterConnected(), "offline before the close handshake finishes");

        offer(viewer, "b2ZmZXI=");
        assertTrue(oldLink.sent.isEmpty(), "nothing written to the closing socket: " + oldLink.sent);

        SlowLink freshLink = new SlowLink();
        connect(null, freshLink);
        assertEquals(List.of("{\"messagePayload\":\"b2ZmZXI=\",\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"v1\"}"),
                freshLink.sent);
        hub.detach(old); // the old socket's close completes late; the new master stays
        assertTrue(hub.snapshot().masterConnected());
        offer(viewer, "YWdhaW4=");
        assertEquals(2, freshLink.sent.size());
    }

    @Test
    void dropHoldsMessagesUntilTheNextMaster() throws Exception {
        SlowLink oldLink = new SlowLink();
        connect(null, oldLink);
        Peer viewer = connect("v1", new SlowLink());
        assertTrue(hub.inject(FaultEvent.DROP));
        assertTrue(oldLink.dropped);
        offer(viewer, "b2ZmZXI=");
        assertTrue(oldLink.sent.isEmpty());
        SlowLink freshLink = new SlowLink();
        connect(null, freshLink);
        assertEquals(1, freshLink.sent.size());
        assertTrue(freshLink.sent.get(0).contains("\"senderClientId\":\"v1\""), freshLink.sent.get(0));
    }

    @Test
    void peerCloseFrameOrIdleCloseMakesTheMasterOffline() throws Exception {
        SlowLink oldLink = new SlowLink();
        Peer old = connect(null, oldLink);
        Peer viewer = connect("v1", new SlowLink());
        hub.goOffline(old); // what the router does on the master's close frame or the idle timeout
        offer(viewer, "b2ZmZXI=");
        assertTrue(oldLink.sent.isEmpty());
        SlowLink freshLink = new SlowLink();
        connect(null, freshLink);
        assertEquals(1, freshLink.sent.size());
    }

    @Test
    void aSocketThatEndedBeforeTheRouterHeardIsOffline() throws Exception {
        SlowLink oldLink = new SlowLink();
        connect(null, oldLink);
        Peer viewer = connect("v1", new SlowLink());
        oldLink.end(); // TCP gone; onClosed still queued behind this frame
        offer(viewer, "b2ZmZXI=");
        assertTrue(oldLink.sent.isEmpty());
        assertFalse(hub.snapshot().masterConnected());
        SlowLink freshLink = new SlowLink();
        connect(null, freshLink);
        assertEquals(1, freshLink.sent.size());
    }
}
