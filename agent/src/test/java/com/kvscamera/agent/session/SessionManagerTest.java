package com.kvscamera.agent.session;

import com.kvscamera.agent.signaling.SignalingOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionManagerTest {
    private final List<FakeSession> made = new CopyOnWriteArrayList<>();
    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private SessionManager manager;

    private static final SignalingOut NO_OUT = new SignalingOut() {
        @Override
        public void sendAnswer(String clientId, String sdp) {}

        @Override
        public void sendCandidate(String clientId, String candidate, String mid, int index) {}
    };

    final class FakeSession implements ViewerSession {
        final String id;
        final String sdp;
        final SessionListener listener;
        final List<String> candidates = new CopyOnWriteArrayList<>();
        volatile boolean started;
        volatile String closedWith;
        final SessionStats stats = new SessionStats();

        FakeSession(String id, String sdp, SessionListener listener) {
            this.id = id;
            this.sdp = sdp;
            this.listener = listener;
        }

        @Override public String clientId() { return id; }
        @Override public void start() { started = true; }
        @Override public void addRemoteCandidate(String c) { candidates.add(c); }
        @Override public SessionStats stats() { return stats; }

        @Override
        public void close(String reason) {
            if (closedWith != null) return;
            closedWith = reason;
            listener.onClosed(this, reason);
        }
    }

    private SessionManager manager(int maxViewers) {
        manager = new SessionManager(SessionSettings.defaults().withMaxViewers(maxViewers), (id, sdp, out, l) -> {
            FakeSession s = new FakeSession(id, sdp, l);
            made.add(s);
            return s;
        }, new SameThreadExecutor(), new SameThreadExecutor());
        manager.addListener(events::add);
        return manager;
    }

    @AfterEach
    void tearDown() {
        if (manager != null) manager.close(2000);
    }

    /** Manager and sessions run on the test thread: every step has happened when the call returns. */
    private static void check(String what, BooleanSupplier cond) {
        assertTrue(cond.getAsBoolean(), what);
    }

    @Test
    void newOfferFromSameClientReplacesTheOldSession() {
        manager(10);
        manager.onOffer("viewer-1", "sdp-a", NO_OUT);
        manager.onOffer("viewer-1", "sdp-b", NO_OUT);
        check("two sessions made", () -> made.size() == 2 && made.get(1).started);
        assertEquals("replaced by a new offer", made.get(0).closedWith);
        assertEquals(null, made.get(1).closedWith);
        check("one open", () -> manager.viewers() == 1);
        manager.onRemoteCandidate("viewer-1", "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 0);
        check("candidate to the new session", () -> made.get(1).candidates.size() == 1);
        assertTrue(made.get(0).candidates.isEmpty());
    }

    @Test
    void offersBeyondMaxViewersAreRefusedUntilASessionCloses() {
        manager(2);
        manager.onOffer("a", "x", NO_OUT);
        manager.onOffer("b", "x", NO_OUT);
        manager.onOffer("c", "x", NO_OUT);
        check("refusal", () -> manager.offersRefused() == 1);
        assertEquals(2, made.size());
        check("refusal event naming the limit", () -> events.stream().anyMatch(e ->
                e.kind() == SessionEvent.Kind.OFFER_REFUSED && e.clientId().equals("c")
                        && e.detail().contains("webrtc.maxViewers=2")));
        made.get(0).close("viewer left");
        check("slot freed", () -> manager.viewers() == 1);
        manager.onOffer("c", "x", NO_OUT);
        check("c admitted", () -> made.size() == 3 && made.get(2).started);
        assertEquals("c", made.get(2).id);
    }

    @Test
    void privacyClosesOpenSessionsAndRefusesNewOnes() {
        manager(10);
        manager.onOffer("a", "x", NO_OUT);
        manager.onOffer("b", "x", NO_OUT);
        check("two open", () -> manager.viewers() == 2);
        manager.setPrivacy(true);
        check("both closed for privacy", () -> "privacy".equals(made.get(0).closedWith)
                && "privacy".equals(made.get(1).closedWith));
        assertEquals(0, manager.viewers());
        manager.onOffer("c", "x", NO_OUT);
        check("refused", () -> manager.offersRefused() == 1);
        assertEquals(2, made.size());
        manager.setPrivacy(false);
        manager.onOffer("c", "x", NO_OUT);
        check("admitted", () -> made.size() == 3);
    }

    @Test
    void aClosedSessionFromAReplacedIdDoesNotRemoveItsSuccessor() {
        manager(10);
        manager.onOffer("a", "1", NO_OUT);
        manager.onOffer("a", "2", NO_OUT);
        check("two made", () -> made.size() == 2);
        // the replaced one reports its close late, as a real session does from its own thread
        made.get(0).listener.onClosed(made.get(0), "late");
        manager.onRemoteCandidate("a", "candidate:x", "0", 0);
        check("successor still receives", () -> made.get(1).candidates.size() == 1);
        assertFalse(made.get(1).closedWith != null);
        assertEquals(1, manager.viewers());
    }

    @Test
    void bytesOfClosedSessionsStayInTheTotal() {
        manager(10);
        manager.onOffer("a", "x", NO_OUT);
        check("made", () -> made.size() == 1);
        made.get(0).stats.bytesSent.add(1000);
        assertEquals(1000, manager.bytesSent());
        made.get(0).close("done");
        check("closed", () -> manager.viewers() == 0);
        assertEquals(1000, manager.bytesSent());
    }
}
