package com.kvscamera.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.ManualClock;
import com.kvscamera.agent.kvs.ManualScheduler;
import com.kvscamera.agent.media.AccessUnit;
import com.kvscamera.agent.signaling.SignalingOut;
import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The negotiation rules of one session, with the rtc parts replaced by recorders and time by a manual scheduler and the session's executor by the test thread:
 * trickle vs complete answers, the gather deadline, the keyframe wait, refusals and timeouts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeerSessionTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler timers = new ManualScheduler(clock);
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<String> trickled = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> closedWith = new AtomicReference<>();
    private final AtomicReference<FakeTransport> transport = new AtomicReference<>();
    private volatile Optional<String> streamProfile = Optional.of("42c01f");
    private volatile String answeredProfile;
    private final List<String> parsedProfiles = new CopyOnWriteArrayList<>();
    private final List<String> subscribed = new CopyOnWriteArrayList<>();

    private final SignalingOut out = new SignalingOut() {
        @Override
        public void sendAnswer(String clientId, String sdp) {
            answers.add(sdp);
        }

        @Override
        public void sendCandidate(String clientId, String candidate, String mid, int index) {
            trickled.add(candidate + "@" + mid + "/" + index);
        }
    };

    /** Answers "complete:<candidates>" or "trickle" so a test sees what the session asked for. */
    private SdpPort sdp(boolean trickle) {
        return new SdpPort() {
            @Override
            public ParsedOffer parse(String offerSdp, String profileLevelId) {
                parsedProfiles.add(profileLevelId);
                if (offerSdp.startsWith("bad")) throw new IllegalArgumentException("malformed SDP: line 1");
                return new ParsedOffer(trickle, "ufrg", "p".repeat(22), "sha-256 AA", false, List.of("candidate:r"),
                        "video0", 1, null);
            }

            @Override
            public Answer answer(ParsedOffer offer, String profileLevelId, LocalDescription local,
                                 List<String> candidates, boolean complete) {
                answeredProfile = profileLevelId;
                return new Answer(complete ? "complete:" + String.join(",", candidates) : "trickle", 99);
            }
        };
    }

    static final class FakeTransport implements PeerTransport {
        volatile Listener listener;
        final List<String> remote = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override public String iceUfrag() { return "locl"; }
        @Override public String icePwd() { return "q".repeat(22); }
        @Override public String fingerprint() { return "sha-256 BB"; }
        @Override public void start(Listener l) { listener = l; }
        @Override public void addRemoteCandidate(String c) { remote.add(c); }
        @Override public SrtpSession srtp() { return null; }
        @Override public PacketSender path() { return (d, o, l) -> { }; }
        @Override public void close() { closed = true; }
    }

    private final VideoFeed feed = new VideoFeed() {
        @Override
        public Optional<String> profileLevelId() {
            return streamProfile;
        }

        @Override
        public Subscription subscribe(String viewerId, Consumer<AccessUnit> sink) {
            subscribed.add(viewerId);
            return new Subscription() {
                @Override public void requestKeyframe() { }
                @Override public void close() { subscribed.remove(viewerId); }
            };
        }
    };

    private final List<String> senderEvents = new CopyOnWriteArrayList<>();
    private final VideoSender.Factory senders = (id, pt, ssrc, cname, t, stats, kf) -> new VideoSender() {
        @Override public void sendFrame(AccessUnit frame) { }
        @Override public boolean onRtcp(byte[] p, int o, int l) { return p[o] == 'B'; }
        @Override public void sendReport() { senderEvents.add("report"); }
        @Override public void close() { senderEvents.add("closed"); }
    };

    private PeerSession session(boolean trickle, String offer) {
        SessionListener listener = new SessionListener() {
            @Override public void onConnected(ViewerSession s) { }
            @Override public void onClosed(ViewerSession s, String reason) { closedWith.set(reason); }
        };
        PeerTransportFactory factory = (id, ufrag, pwd, fp, server, candidates) -> {
            FakeTransport t = new FakeTransport();
            transport.set(t);
            return t;
        };
        return new PeerSession("viewer-1", offer, out, listener, SessionSettings.defaults(), sdp(trickle), factory, feed,
                senders, timers, new SameThreadExecutor());
    }

    private static void check(String what, BooleanSupplier cond) {
        assertTrue(cond.getAsBoolean(), what);
    }

    private void settle() {
        timers.runDue();
    }

    @Test
    void trickleOfferIsAnsweredAtOnceAndCandidatesFollowIt() throws Exception {
        PeerSession s = session(true, "offer");
        s.start();
        check("answer", () -> answers.size() == 1);
        assertEquals("trickle", answers.get(0));
        check("transport started", () -> transport.get() != null && transport.get().listener != null);
        transport.get().listener.onLocalCandidate("candidate:1");
        transport.get().listener.onLocalCandidate("candidate:2");
        check("two candidates", () -> trickled.size() == 2);
        assertEquals(List.of("candidate:1@video0/1", "candidate:2@video0/1"), trickled);
        s.close("test");
    }

    @Test
    void completeOfferIsAnsweredWhenGatheringFinishesWithEveryCandidateAndNothingTrickled() throws Exception {
        PeerSession s = session(false, "offer");
        s.start();
        check("transport started", () -> transport.get() != null && transport.get().listener != null);
        transport.get().listener.onLocalCandidate("candidate:1");
        transport.get().listener.onLocalCandidate("candidate:2");
        transport.get().listener.onGatheringComplete();
        check("answer", () -> answers.size() == 1);
        assertEquals("complete:candidate:1,candidate:2", answers.get(0));
        transport.get().listener.onLocalCandidate("candidate:3");
        clock.advance(Duration.ofSeconds(2));
        settle();
        assertEquals(1, answers.size(), "one answer only");
        assertTrue(trickled.isEmpty(), "no ICE_CANDIDATE to a non-trickle peer: " + trickled);
        s.close("test");
    }

    @Test
    void completeOfferIsAnsweredAtTheGatherTimeoutWithWhatWasGathered() throws Exception {
        PeerSession s = session(false, "offer");
        s.start();
        check("transport started", () -> transport.get() != null && transport.get().listener != null);
        transport.get().listener.onLocalCandidate("candidate:host");
        settle();
        clock.advance(Duration.ofMillis(1499));
        settle();
        assertTrue(answers.isEmpty(), "not before the gather timeout");
        clock.advance(Duration.ofMillis(1));
        timers.runDue();
        check("answer at the deadline", () -> answers.size() == 1);
        assertEquals("complete:candidate:host", answers.get(0));
        transport.get().listener.onGatheringComplete();
        settle();
        assertEquals(1, answers.size());
        s.close("test");
    }

    @Test
    void withoutAKeyframeYetTheAnswerWaitsBrieflyThenAssumesConstrainedBaseline() throws Exception {
        streamProfile = Optional.empty();
        PeerSession s = session(true, "offer");
        s.start();
        settle();
        assertTrue(answers.isEmpty(), "waits for the stream's SPS first");
        clock.advance(SessionSettings.DEFAULT_KEYFRAME_WAIT);
        for (int i = 0; i < 20 && answers.isEmpty(); i++) {
            clock.advance(Duration.ofMillis(PeerSession.PROFILE_POLL_MS));
            settle();
        }
        check("answer", () -> answers.size() == 1);
        assertEquals(SessionSettings.DEFAULT_PROFILE_LEVEL_ID, answeredProfile);
        s.close("test");
    }

    @Test
    void theStreamsProfileIsUsedAsSoonAsItIsKnown() throws Exception {
        streamProfile = Optional.empty();
        PeerSession s = session(true, "offer");
        s.start();
        settle();
        streamProfile = Optional.of("640028");
        clock.advance(Duration.ofMillis(PeerSession.PROFILE_POLL_MS));
        settle();
        check("answer", () -> answers.size() == 1);
        assertEquals("640028", answeredProfile);
        assertEquals("640028", parsedProfiles.get(parsedProfiles.size() - 1),
                "the section is chosen again for the profile the answer is made with");
        s.close("test");
    }

    @Test
    void malformedOfferIsRefusedAndTheSessionEndsWithoutATransport() throws Exception {
        PeerSession s = session(true, "bad offer");
        s.start();
        check("closed", () -> closedWith.get() != null);
        assertEquals("malformed offer", closedWith.get());
        assertNull(transport.get());
        assertTrue(answers.isEmpty());
    }

    @Test
    void aSessionThatNeverConnectsIsClosedAtTheConnectTimeout() throws Exception {
        PeerSession s = session(true, "offer");
        s.start();
        check("answer", () -> answers.size() == 1);
        clock.advance(SessionSettings.DEFAULT_CONNECT_TIMEOUT);
        timers.runDue();
        check("closed", () -> closedWith.get() != null);
        assertTrue(closedWith.get().startsWith("connect timeout"), closedWith.get());
        assertTrue(transport.get().closed);
    }

    @Test
    void secureSessionsStreamReportEverySecondAndEndOnByeFreeingEverything() throws Exception {
        PeerSession s = session(true, "offer");
        s.start();
        check("transport started", () -> transport.get() != null && transport.get().listener != null);
        transport.get().listener.onSecure();
        check("subscribed", () -> subscribed.contains("viewer-1"));
        clock.advance(Duration.ofSeconds(1));
        timers.runDue();
        assertEquals(List.of("report"), senderEvents);
        transport.get().listener.onRtcp(new byte[] {'B'}, 0, 1);
        check("closed", () -> closedWith.get() != null);
        assertEquals("viewer sent RTCP BYE", closedWith.get());
        assertTrue(transport.get().closed);
        assertTrue(subscribed.isEmpty(), "fan-out subscription released");
        assertEquals(List.of("report", "closed"), senderEvents);
        clock.advance(Duration.ofSeconds(5));
        timers.runDue();
        assertEquals(List.of("report", "closed"), senderEvents, "no report after close");
        assertFalse(s.connectMillis() < 0);
    }

    @Test
    void aFailedPathEndsTheSessionWithItsReason() throws Exception {
        PeerSession s = session(true, "offer");
        s.start();
        check("transport started", () -> transport.get() != null && transport.get().listener != null);
        transport.get().listener.onFailed("ICE consent lost");
        check("closed", () -> closedWith.get() != null);
        assertEquals("ICE consent lost", closedWith.get());
        assertTrue(transport.get().closed);
    }
}
