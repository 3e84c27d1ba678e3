package com.kvscamera.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The viewer's own contract: offers libwebrtc writes for it, trickle delivery, and a clean close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebRtcViewerTest {

    @Test
    void nonTrickleOfferHasVideoAndAudioRecvonlyWithCandidates() throws Exception {
        try (WebRtcViewer v = new WebRtcViewer(new WebRtcViewer.Options(true, false, List.of()))) {
            long t0 = System.nanoTime();
            String sdp = v.createOffer(true, Duration.ofSeconds(2));
            System.out.printf("non-trickle offer ready in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            int video = sdp.indexOf("m=video");
            int audio = sdp.indexOf("m=audio");
            assertTrue(video >= 0 && audio > video, "video m-line first, then audio:\n" + sdp);
            assertEquals(2, sdp.split("a=recvonly").length - 1, "both m-lines recvonly:\n" + sdp);
            assertTrue(sdp.contains("a=candidate:"), "gathered candidates are in the SDP");
            assertTrue(sdp.contains("a=ice-ufrag:") && sdp.contains("a=fingerprint:sha-256"));
            assertEquals(0, v.framesDecoded());
        }
    }

    @Test
    void trickleOfferDeliversCandidatesThroughTheListener() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (WebRtcViewer v = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
            v.onLocalCandidate(c -> got.add(c.sdp));
            String sdp = v.createOffer(false, Duration.ZERO);
            assertFalse(sdp.contains("a=candidate:"), "a trickle offer carries no candidates");
            long deadline = System.currentTimeMillis() + 5000;
            while (got.isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertFalse(got.isEmpty());
            assertTrue(got.get(0).startsWith("candidate:"), got.get(0));
        }
    }

    @Test
    void manyViewersShareOneFactoryAndCloseTwiceIsHarmless() throws Exception {
        WebRtcViewer a = new WebRtcViewer(WebRtcViewer.Options.videoOnly());
        WebRtcViewer b = new WebRtcViewer(WebRtcViewer.Options.videoOnly());
        assertTrue(a.createOffer(false, Duration.ZERO).startsWith("v=0"));
        assertTrue(b.createOffer(false, Duration.ZERO).startsWith("v=0"));
        a.close();
        a.close();
        b.close();
        // after the last viewer the factory is disposed: its non-daemon signaling thread must not keep the JVM alive
        long deadline = System.currentTimeMillis() + 5000;
        while (nonDaemonNativeThreads() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(0, nonDaemonNativeThreads());
    }

    private static long nonDaemonNativeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("Thread-")).count();
    }
}
