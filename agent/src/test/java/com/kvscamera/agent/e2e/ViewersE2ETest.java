package com.kvscamera.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.session.SessionManager;
import com.kvscamera.testkit.WebRtcViewer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 6, test 4: several viewers at once, malformed offers among them, a viewer that vanishes, and many
 * connect/disconnect cycles that must leave nothing behind.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class ViewersE2ETest {
    /** Threads a session owns; none may outlive it. */
    private static final List<String> SESSION_THREADS = List.of("peer-", "media-", "ice-", "dtls-");
    private static AgentHarness h;
    private static final List<String> warnings = new CopyOnWriteArrayList<>();
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) warnings.add(String.valueOf(r.getMessage()));
        }

        @Override public void flush() {}

        @Override public void close() {}
    };

    @BeforeAll
    static void start() throws Exception {
        h = AgentHarness.start(false, "");
        Logger.getLogger("com.kvscamera.agent.session").addHandler(capture);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("com.kvscamera.agent.session").removeHandler(capture);
        if (h != null) h.close();
    }

    @Test
    void threeViewersStreamAtOnceAndMalformedOffersAreRefusedWithoutDisturbingThem() throws Exception {
        List<TrickleViewer> viewers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) viewers.add(new TrickleViewer(h, "viewer-" + i, WebRtcViewer.Options.videoOnly()));
            for (TrickleViewer v : viewers) v.connect();
            for (TrickleViewer v : viewers) {
                assertTrue(v.awaitFirstFrame(Duration.ofSeconds(15)), v.clientId + " decoded nothing");
                System.out.printf("%s: offer->answer %d ms, offer->first frame %d ms%n", v.clientId, v.answerMillis,
                        v.firstFrameMillis);
            }
            h.await("three sessions", Duration.ofSeconds(5), () -> h.agent.sessions().viewers() == 3);

            long[] before = decoded(viewers);
            try (ViewerSignaling bad = h.viewerSignaling("viewer-bad")) {
                bad.sendOffer("v=0\r\nthis is not a session description\r\n");
                bad.sendOffer("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                        + "a=mid:0\r\na=rtpmap:111 opus/48000/2\r\n");
                h.await("refusal logged with the client id", Duration.ofSeconds(5), () -> warnings.stream()
                        .filter(w -> w.contains("viewer-bad") && w.contains("refused")).count() >= 2);
            }
            long t0 = System.nanoTime();
            h.await("3 s of streaming", Duration.ofSeconds(4), () -> System.nanoTime() - t0 >= 3_000_000_000L);
            long[] after = decoded(viewers);
            for (int i = 0; i < viewers.size(); i++) {
                long got = after[i] - before[i];
                assertTrue(got >= AgentHarness.FPS * 3 * 0.8, viewers.get(i).clientId + " decoded only " + got
                        + " frames in the 3 s after the malformed offers");
                assertEquals(AgentHarness.WIDTH, viewers.get(i).peer.frameWidth());
            }
            assertEquals(3, h.agent.sessions().viewers());
            warnings.stream().filter(w -> w.contains("viewer-bad")).forEach(w -> System.out.println("logged: " + w));
        } finally {
            viewers.forEach(TrickleViewer::close);
        }
        h.await("sessions closed", Duration.ofSeconds(10), () -> h.agent.sessions().viewers() == 0);
    }

    @Test
    void aViewerThatVanishesIsCleanedUpByConsentWithinAbout30Seconds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ViewerProcess.class.getName(), h.presignViewer("viewer-vanish").toString(),
                h.emulator.caCertificateFile().orElseThrow().toString(), "viewer-vanish")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String line;
            long frames = 0;
            while (frames < 30 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.startsWith("FRAMES ")) frames = Long.parseLong(line.substring(7));
            }
            assertTrue(frames >= 30, "the viewer process decoded " + frames + " frames");
        } finally {
            // SIGKILL: no DTLS close_notify, no RTCP BYE, no signaling: only ICE consent can tell
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        long killed = System.nanoTime();
        assertTrue(h.agent.sessions().stats("viewer-vanish").isPresent(), "session must still be open right after");
        h.await("vanished viewer cleaned up", Duration.ofSeconds(45),
                () -> h.agent.sessions().stats("viewer-vanish").isEmpty());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
        System.out.println("vanished viewer cleaned up " + seconds + " s after SIGKILL");
        assertTrue(seconds <= 40, "cleanup took " + seconds + " s");
        assertTrue(warnings.stream().noneMatch(w -> w.contains("viewer-vanish") && w.contains("failed")), "" + warnings);
    }

    @Test
    void twoHundredConnectDisconnectCyclesLeaveNoThreadsSocketsOrMemoryBehind() throws Exception {
        try (ViewerSignaling signaling = h.viewerSignaling("viewer-cycle")) {
            cycle(signaling, 0); // warm-up: classes, JIT, webrtc-java's factory
            cycle(signaling, 1);
            Usage base = Usage.withHeap();
            long t0 = System.nanoTime();
            Map<String, Long> classesBefore = Map.of();
            for (int i = 0; i < 200; i++) {
                cycle(signaling, i + 2);
                // halfway, bounded caches (e.g. the signaling writer's 64 recent answers) are full: from here on,
                // anything that still grows grows with the number of sessions
                if (i == 99) classesBefore = agentInstances();
            }
            long perCycle = (System.nanoTime() - t0) / 200 / 1_000_000;
            h.await("all sessions closed", Duration.ofSeconds(10), () -> h.agent.sessions().viewers() == 0);
            Usage after = Usage.settled(base);
            Map<String, Long> classesAfter = agentInstances();
            System.out.printf("200 cycles, %d ms each: session threads %d -> %d, fds %d -> %d, heap %d -> %d KB%n",
                    perCycle, base.sessionThreads, after.sessionThreads, base.fds, after.fds, base.heapKb, after.heapKb);
            assertEquals(base.sessionThreads, after.sessionThreads, "session threads left: " + after.names);
            // webrtc-java (the viewer, same process) keeps a few descriptors of its own; the agent's are per session
            assertTrue(after.fds <= base.fds + 8, "file descriptors " + base.fds + " -> " + after.fds);
            assertTrue(after.heapKb <= base.heapKb + 16 * 1024, "heap " + base.heapKb + " -> " + after.heapKb + " KB");
            // the precise check: a per-session leak adds at least 100 instances of something over the last 100
            // sessions; what is bounded (the GOP cache's pictures, caches) moves by less than half of that
            Map<String, Long> halfway = classesBefore;
            assertTrue(halfway.containsKey(SessionManager.class.getName()), "histogram read: " + halfway.keySet());
            // The last sessions' executors may still hold their final objects for a moment after the close was
            // counted (one offer alone is ~70 RtpMaps): read again until that settles. A per-session leak of the
            // last 100 sessions never settles below the threshold.
            List<String> grown = grownSince(halfway, classesAfter);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!grown.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(500); // other threads finishing: poll with a deadline
                grown = grownSince(halfway, agentInstances());
            }
            assertTrue(grown.isEmpty(), "live instances grew with the sessions: " + grown);
        }
    }

    private static List<String> grownSince(Map<String, Long> halfway, Map<String, Long> now) {
        return now.entrySet().stream()
                .filter(e -> e.getValue() >= halfway.getOrDefault(e.getKey(), 0L) + 50)
                .map(e -> e.getKey() + " " + halfway.getOrDefault(e.getKey(), 0L) + " -> " + e.getValue())
                .toList();
    }

    /** KVS accepts at most 5 SDP offers per second per connection; stay below it. */
    private static final long OFFER_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static long lastOfferNanos;

    /** One viewer PeerConnection: negotiate, see media arrive, close, and wait until the agent freed the session. */
    private static void cycle(ViewerSignaling signaling, int n) throws Exception {
        long due = lastOfferNanos + OFFER_SPACING_NANOS;
        h.await("offer rate limit", Duration.ofSeconds(1), () -> System.nanoTime() >= due);
        lastOfferNanos = System.nanoTime();
        try (TrickleViewer v = new TrickleViewer(signaling, false, "viewer-cycle", WebRtcViewer.Options.videoOnly())) {
            v.connect();
            assertTrue(v.awaitFirstFrame(Duration.ofSeconds(15)), "cycle " + n + ": no frame");
        }
        h.await("cycle " + n + " session closed", Duration.ofSeconds(10),
                () -> h.agent.sessions().stats("viewer-cycle").isEmpty());
    }

    /**
     * Live instances (after a full GC) of every agent and rtc class, from the JVM's own class histogram
     * (the DiagnosticCommand MBean: the same data as {@code jcmd GC.class_histogram}, without an external tool).
     */
    private static Map<String, Long> agentInstances() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(com\\.kvscamera\\.(agent|rtc)\\.\\S+)")
                .matcher(histogram);
        while (m.find()) {
            if (!m.group(2).startsWith("com.kvscamera.agent.e2e.")) out.put(m.group(2), Long.parseLong(m.group(1)));
        }
        return out;
    }

    private static long[] decoded(List<TrickleViewer> viewers) {
        return viewers.stream().mapToLong(v -> v.peer.framesDecoded()).toArray();
    }

    private record Usage(int sessionThreads, List<String> names, long fds, long heapKb) {
        static Usage now() throws Exception {
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> SESSION_THREADS.stream().anyMatch(n::startsWith)).sorted().toList();
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Usage(names.size(), names, fds, 0);
        }

        /** {@link #now()} plus the heap in use after a full collection. */
        static Usage withHeap() throws Exception {
            Usage u = now();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            return new Usage(u.sessionThreads, u.names, u.fds, heap);
        }

        /** Threads end and sockets close a moment after the session reports closed; wait (bounded) until they have. */
        static Usage settled(Usage base) throws Exception {
            try {
                h.await("session threads and sockets released", Duration.ofSeconds(10), () -> {
                    try {
                        Usage u = now();
                        return u.sessionThreads <= base.sessionThreads && u.fds <= base.fds;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (AssertionError leftOver) {
                // reported with the figures by the caller's assertions
            }
            return withHeap();
        }
    }
}
