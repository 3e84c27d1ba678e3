package com.kvscamera.engine.libwebrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.session.SessionListener;
import com.kvscamera.agent.session.SessionSettings;
import com.kvscamera.agent.session.ViewerSession;
import com.kvscamera.agent.signaling.SignalingOut;
import com.kvscamera.testkit.WebRtcViewer;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine against a libwebrtc viewer in this JVM, signaling handed over directly: raw 320x240 frames from
 * ffmpeg are encoded with H.264 (not VP8, although the viewer offers VP8 first) and decoded at full size; trickle
 * offers get an immediate answer and trickled candidates, non-trickle offers one complete answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibWebRtcEngineTest {
    static final int W = 320;
    static final int H = 240;
    static LibWebRtcEngine engine;

    @BeforeAll
    static void start() {
        List<String> ffmpeg = List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc=size=" + W + "x" + H + ":rate=30", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-");
        SessionSettings settings = SessionSettings.defaults().withGatherTimeout(Duration.ofMillis(800));
        engine = LibWebRtcEngine.start(new EngineOptions(settings, ffmpeg, W, H, List::of, false, 0, 0, 500_000));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** The viewer's end of signaling: answer and candidates straight into its PeerConnection. */
    static final class Link implements SignalingOut, SessionListener {
        final WebRtcViewer viewer;
        final CompletableFuture<String> answer = new CompletableFuture<>();
        final List<String> candidates = new ArrayList<>();
        final CountDownLatch connected = new CountDownLatch(1);
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private boolean applied;

        Link(WebRtcViewer viewer) {
            this.viewer = viewer;
        }

        @Override
        public void sendAnswer(String clientId, String sdp) {
            answer.complete(sdp);
        }

        @Override
        public synchronized void sendCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex) {
            candidates.add(candidate);
            if (applied) viewer.addRemoteCandidate(sdpMid, sdpMLineIndex, candidate);
        }

        synchronized void apply(String sdp, String mid) throws Exception {
            viewer.applyAnswer(sdp);
            applied = true;
            for (String c : candidates) viewer.addRemoteCandidate(mid, 0, c);
        }

        @Override
        public void onConnected(ViewerSession session) {
            connected.countDown();
        }

        @Override
        public void onClosed(ViewerSession session, String reason) {
            closed.complete(reason);
        }
    }

    @Test
    void trickleOfferIsAnsweredAtOnceAndStreamsH264() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
            Link link = new Link(viewer);
            List<String> viewerCandidates = new ArrayList<>();
            ViewerSession[] session = new ViewerSession[1];
            viewer.onLocalCandidate(c -> {
                synchronized (viewerCandidates) {
                    if (session[0] != null) session[0].addRemoteCandidate(c.sdp);
                    else viewerCandidates.add(c.sdp);
                }
            });
            String offer = viewer.createOffer(false, Duration.ZERO);
            assertTrue(offer.indexOf("VP8/90000") < offer.indexOf("H264/90000"), "the viewer prefers VP8");
            synchronized (viewerCandidates) {
                session[0] = engine.create("viewer-trickle", offer, link, link);
                session[0].start();
                viewerCandidates.forEach(session[0]::addRemoteCandidate);
            }
            String answer = link.answer.get(5, TimeUnit.SECONDS);
            assertFalse(answer.contains("a=candidate:"), "a trickle answer goes out before gathering");
            link.apply(answer, "0");
            assertTrue(link.connected.await(10, TimeUnit.SECONDS), "session never connected");
            assertTrue(viewer.awaitFrames(30, Duration.ofSeconds(10)), "decoded " + viewer.framesDecoded());
            assertEquals(W, viewer.frameWidth());
            assertEquals(H, viewer.frameHeight());
            assertTrue(!link.candidates.isEmpty(), "candidates were trickled");
            String codec = "";
            for (RTCStats st : viewer.stats(Duration.ofSeconds(2)).values()) {
                if (st.getType() == RTCStatsType.CODEC) codec += st.getAttributes().get("mimeType") + " ";
            }
            assertTrue(codec.contains("video/H264") && !codec.contains("VP8"), "codecs in use: " + codec);
            session[0].close("test over");
            assertEquals("test over", link.closed.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void nonTrickleOfferGetsOneCompleteAnswer() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
            Link link = new Link(viewer);
            String offer = viewer.createOffer(true, Duration.ofSeconds(2)).replaceAll("a=ice-options:trickle\r\n", "");
            long t0 = System.nanoTime();
            ViewerSession session = engine.create("viewer-complete", offer, link, link);
            session.start();
            String answer = link.answer.get(5, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(answer.contains("a=candidate:"), "a complete answer holds the candidates:\n" + answer);
            assertFalse(answer.contains("a=ice-options:trickle"), answer);
            assertTrue(ms < 800 + 1000, "answered in " + ms + " ms, gather timeout 800 ms");
            assertTrue(link.candidates.isEmpty(), "no trickle to a non-trickle offerer");
            link.apply(answer, "0");
            assertTrue(viewer.awaitFrames(10, Duration.ofSeconds(10)), "decoded " + viewer.framesDecoded());
            session.close("test over");
            assertEquals("test over", link.closed.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anOfferWithoutH264IsRefusedAndTheSessionCloses() throws Exception {
        Link link = new Link(null);
        String vp8 = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
                "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuvwx",
                "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB", "a=setup:actpass", "a=mid:0", "a=recvonly",
                "a=rtcp-mux", "a=rtpmap:96 VP8/90000", "");
        ViewerSession session = engine.create("viewer-vp8", vp8, link, link);
        session.start();
        assertTrue(link.closed.get(5, TimeUnit.SECONDS).contains("offer"), "closed with a reason about the offer");
        assertFalse(link.answer.isDone());
    }
}
