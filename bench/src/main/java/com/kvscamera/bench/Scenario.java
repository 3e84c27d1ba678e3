package com.kvscamera.bench;

import com.kvscamera.testkit.WebRtcViewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every measurement of one camera, in order: start-up, idle memory, connect/disconnect cycles (trickle answers,
 * first frames, memory and thread growth), Alexa answers, CPU and memory with 1/3/10 viewers, then Alexa answers
 * with TURN unreachable (coturn killed). The emulator and the camera are fresh processes per camera.
 */
final class Scenario {
    /**
     * KVS accepts at most 5 answers and 20 candidates per second per connection, and the agent paces its sends to
     * stay under that (5 per 1.15 s). Offers 400 ms apart keep both cameras' answers and candidates clear of
     * their pacers, so the figures are answer latency, not the service's rate limit.
     */
    static final long OFFER_SPACING_MS = 400;
    /** The emulator's own start-up (JIT, coturn) must not share the CPU with the camera's start-up. */
    static final long EMULATOR_SETTLE_MS = 2000;
    /** and at most 3 connects per second per channel. */
    static final long CONNECT_SPACING_MS = 400;
    static final Duration FRAME_TIMEOUT = Duration.ofSeconds(15);
    static final long IDLE_SETTLE_MS = 5000;

    private final BenchOptions options;
    private final Path dir;
    private final Consumer<String> progress;
    private long lastOfferNanos;
    private int failures;

    Scenario(BenchOptions options, Path dir, Consumer<String> progress) {
        this.options = options;
        this.dir = dir;
        this.progress = progress;
    }

    /** The figures of one camera under the JSON names without prefix, plus "fps_N" and "failures" extras. */
    Map<String, Double> run(CameraProcess.Kind kind) throws Exception {
        Map<String, Double> r = new LinkedHashMap<>();
        Path d = Files.createDirectories(dir.resolve(kind.name().toLowerCase()));
        String who = kind.name().toLowerCase();
        if (options.launch().launcher() != null) firstBoot(kind, d, who);
        try (EmulatorProcess emu = EmulatorProcess.start(options.launch(), d.resolve("emulator.log"));
             CameraProcess cam = CameraProcess.start(kind, options.launch(), emu.baseUrl(), d, EMULATOR_SETTLE_MS,
                     options.profile(), who + ".log")) {
            long pid = cam.pid();
            await(Duration.ofSeconds(60), cam, "master connected", emu::masterConnected);
            r.put("startup_to_connected_ms", (System.nanoTime() - cam.startedNanos) / 1e6);
            progress.accept(who + ": connected " + fmt(r.get("startup_to_connected_ms")) + " ms after start (pid " + pid + ")");

            int maxViewers = options.viewerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
            List<ViewerSignaling> conns = new ArrayList<>();
            try {
                // KVS admits 10 viewers per channel: the cycles reuse the first viewer's connection
                for (int i = 1; i <= maxViewers; i++) open(emu, "viewer-" + i, conns);
                ViewerSignaling cycleConn = conns.get(0);
                long idleFrom = cam.startedNanos + TimeUnit.MILLISECONDS.toNanos(IDLE_SETTLE_MS);
                sleepUntil(idleFrom);
                r.put("rss_mib_idle", ProcStats.rssMib(pid));
                profile(pid, d, who, "idle");

                // connect/disconnect cycles
                cycle(cycleConn, cam);
                cycle(cycleConn, cam); // warm-up: classes, JIT, the camera's first-session allocations
                double rss0 = ProcStats.rssMib(pid);
                long threads0 = ProcStats.threads(pid);
                profile(pid, d, who, "before-cycles");
                List<Double> answers = new ArrayList<>();
                List<Double> firstFrames = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < options.cycles(); i++) {
                    double[] c = cycle(cycleConn, cam);
                    if (c != null) {
                        answers.add(c[0]);
                        firstFrames.add(c[1]);
                    }
                    if ((i + 1) % 100 == 0) progress.accept(who + ": " + (i + 1) + " cycles");
                }
                long perCycle = (System.nanoTime() - t0) / Math.max(1, options.cycles()) / 1_000_000;
                long threads1 = settleThreads(pid, threads0);
                double rss1 = ProcStats.rssMib(pid);
                profile(pid, d, who, "after-cycles");
                r.put("trickle_answer_ms_p50", Percentiles.of(answers, 50));
                r.put("trickle_answer_ms_p99", Percentiles.of(answers, 99));
                r.put("first_frame_ms_p50", Percentiles.of(firstFrames, 50));
                r.put("rss_mib_growth_after_cycles", rss1 - rss0);
                r.put("threads_growth_after_cycles", (double) (threads1 - threads0));
                progress.accept(String.format("%s: %d cycles (%d ms each): answer p50 %s ms, first frame p50 %s ms, "
                                + "RSS %.1f -> %.1f MiB, threads %d -> %d", who, options.cycles(), perCycle,
                        fmt(r.get("trickle_answer_ms_p50")), fmt(r.get("first_frame_ms_p50")), rss0, rss1, threads0, threads1));

                List<Double> alexa = alexa(emu, cam, options.alexaSamples());
                r.put("alexa_answer_ms_p50", Percentiles.of(alexa, 50));
                r.put("alexa_answer_ms_p99", Percentiles.of(alexa, 99));
                progress.accept(who + ": Alexa answer p50 " + fmt(r.get("alexa_answer_ms_p50")) + " ms (TURN reachable)");

                for (int n : options.viewerCounts()) cpu(n, conns.subList(0, n), cam, r);

                // "TURN unreachable", two ways: silent (packets dropped) is the one reported under the key,
                // because a closed port fails fast (ICMP / RST) and would flatter both cameras
                if (emu.silenceTurn() == 0) throw new IOException("no coturn process found under the emulator");
                List<Double> silent = alexa(emu, cam, options.unreachableSamples());
                r.put("alexa_answer_ms_turn_unreachable_p50", Percentiles.of(silent, 50));
                emu.killTurn();
                List<Double> closed = alexa(emu, cam, options.unreachableSamples());
                r.put("alexa_answer_ms_turn_closed_p50", Percentiles.of(closed, 50));
                progress.accept(who + ": Alexa answer p50 " + fmt(r.get("alexa_answer_ms_turn_unreachable_p50"))
                        + " ms with TURN silent (SIGSTOP), " + fmt(r.get("alexa_answer_ms_turn_closed_p50"))
                        + " ms with its ports closed");
            } finally {
                conns.forEach(ViewerSignaling::close);
            }
            cam.requireAlive("the run");
        }
        r.put("failures", (double) failures);
        return r;
    }

    private void profile(long pid, Path d, String who, String phase) throws Exception {
        if (options.profile()) progress.accept(who + " " + phase + ": " + NmtProfile.capture(pid, d, "nmt-" + phase));
    }

    private ViewerSignaling open(EmulatorProcess emu, String clientId, List<ViewerSignaling> conns) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Thread.sleep(CONNECT_SPACING_MS); // the service refuses more than 3 connects per second per channel
            try {
                ViewerSignaling s = new ViewerSignaling(emu.presignViewer(clientId));
                conns.add(s);
                return s;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) throw e;
            }
        }
    }

    /** One viewer PeerConnection: negotiate, first frame, close. {answer ms, first frame ms}, or null if it failed. */
    private double[] cycle(ViewerSignaling s, CameraProcess cam) throws Exception {
        pace();
        try (BenchViewer v = new BenchViewer(s)) {
            v.connect();
            double ff = v.awaitFirstFrameMs(FRAME_TIMEOUT);
            if (Double.isNaN(ff)) return failed(cam, "no frame within " + FRAME_TIMEOUT.toSeconds() + " s");
            return new double[] {v.answerMs, ff};
        } catch (java.util.concurrent.TimeoutException e) {
            return failed(cam, "no answer");
        }
    }

    private double[] failed(CameraProcess cam, String why) throws IOException {
        cam.requireAlive("a cycle");
        failures++;
        progress.accept(cam.kind.name().toLowerCase() + ": cycle failed: " + why);
        if (failures > 5 + options.cycles() / 10) throw new IOException("too many failed cycles; see " + cam.log);
        return null;
    }

    /**
     * A device's first start after an install: the camera connects and is stopped as systemd stops it, and the
     * launcher's JVM writes the class-data archive that every later start maps. The measured start is the second.
     */
    private void firstBoot(CameraProcess.Kind kind, Path d, String who) throws Exception {
        try (EmulatorProcess emu = EmulatorProcess.start(options.launch(), d.resolve("first-boot-emulator.log"));
             CameraProcess cam = CameraProcess.start(kind, options.launch(), emu.baseUrl(), d, EMULATOR_SETTLE_MS,
                     false, who + "-first-boot.log")) {
            await(Duration.ofSeconds(60), cam, "master connected (first boot)", emu::masterConnected);
        }
        Path archive = CameraProcess.cacheDirectory(kind, d).resolve("agent.jsa");
        progress.accept(who + ": first boot done; class-data archive "
                + (Files.isRegularFile(archive) ? Files.size(archive) / (1 << 20) + " MiB" : "missing, see " + d));
    }

    /** Alexa-style offers (non-trickle, gathered) through SendAlexaOfferToMaster; answer times in ms. */
    private List<Double> alexa(EmulatorProcess emu, CameraProcess cam, int samples) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            pace();
            try (WebRtcViewer v = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
                String offer = alexaStyle(v.createOffer(true, Duration.ofSeconds(2)));
                long t0 = System.nanoTime();
                emu.alexaOffer("alexa-bench", offer); // one client id: each offer replaces the last session
                out.add((System.nanoTime() - t0) / 1e6);
                // the answer is not applied: a connected session that libwebrtc does not see closing (it misses the
                // viewer's DTLS close_notify) would keep encoding through the CPU phases that follow
            }
            cam.requireAlive("Alexa offers");
        }
        return out;
    }

    /**
     * An offer as an Echo Show sends it: every candidate at once, no {@code a=ice-options:trickle}, and candidates
     * on the far side of the Internet. Loopback candidates would let the camera's connectivity checks succeed
     * before it has gathered (libwebrtc then ends gathering at once, with host candidates only), which an Echo Show
     * never allows; so the addresses are replaced by documentation addresses that nothing answers (RFC 5737/3849).
     */
    static String alexaStyle(String offer) {
        StringBuilder sb = new StringBuilder();
        for (String line : offer.split("\r\n", -1)) {
            if (line.equals("a=ice-options:trickle")) continue;
            if (line.startsWith("a=candidate:")) {
                String[] f = line.split(" ");
                if (f.length > 5) f[4] = f[4].contains(":") ? "2001:db8::7" : "203.0.113.7";
                line = String.join(" ", f);
            }
            sb.append(line).append("\r\n");
        }
        return sb.substring(0, sb.length() - 2);
    }

    /** n viewers streaming: CPU of the camera process over the window, frames per second seen by the slowest viewer. */
    private void cpu(int n, List<ViewerSignaling> conns, CameraProcess cam, Map<String, Double> r) throws Exception {
        List<BenchViewer> viewers = new ArrayList<>();
        try {
            for (ViewerSignaling s : conns) {
                pace();
                viewers.add(new BenchViewer(s).connect());
            }
            for (BenchViewer v : viewers) {
                if (Double.isNaN(v.awaitFirstFrameMs(FRAME_TIMEOUT))) throw new IOException(n + " viewers: one got no frame");
            }
            // warm-up: libwebrtc's bandwidth estimate ramps the baseline's encoder up from 300 kbit/s; JIT (agent)
            Thread.sleep(options.quick() ? 6000 : 10000);
            long[] f0 = viewers.stream().mapToLong(v -> v.peer.framesDecoded()).toArray();
            long b0 = bytesReceived(viewers.get(0));
            long t0 = System.nanoTime();
            Map<String, Long> threads0 = options.profile() ? ProcStats.threadTicks(cam.pid()) : Map.of();
            double cpu = ProcStats.cpuPercent(cam.pid(), options.cpuWindowMs());
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (options.profile()) progress.accept(cam.kind.name().toLowerCase() + " " + n + " viewer(s), busiest threads: "
                    + busiest(threads0, ProcStats.threadTicks(cam.pid()), seconds));
            double mbps = (bytesReceived(viewers.get(0)) - b0) * 8 / seconds / 1e6;
            double minFps = Double.MAX_VALUE;
            int minWidth = Integer.MAX_VALUE;
            for (int i = 0; i < viewers.size(); i++) {
                minFps = Math.min(minFps, (viewers.get(i).peer.framesDecoded() - f0[i]) / seconds);
                minWidth = Math.min(minWidth, viewers.get(i).peer.frameWidth());
            }
            String key = n == 1 ? "cpu_pct_1_viewer" : "cpu_pct_" + n + "_viewers";
            r.put(key, cpu);
            r.put("fps_" + n, minFps);
            r.put("width_" + n, (double) minWidth);
            r.put("mbps_" + n, mbps);
            if (n == 3) r.put("rss_mib_3_viewers", ProcStats.rssMib(cam.pid()));
            progress.accept(String.format("%s: %d viewer(s): CPU %.1f %% of one core; slowest viewer %.1f fps, "
                    + "narrowest %d px; first viewer %.2f Mbit/s", cam.kind.name().toLowerCase(), n, cpu, minFps, minWidth, mbps));
        } finally {
            viewers.forEach(BenchViewer::close);
        }
        Thread.sleep(1000); // let the camera notice the closes before the next phase
    }

    /** The threads that used most CPU between two samples, as "name pct%" (percent of one core). */
    static String busiest(Map<String, Long> before, Map<String, Long> after, double seconds) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                .map(e -> String.format("%s %.1f%%", e.getKey(), e.getValue() / ProcStats.TICKS_PER_SECOND / seconds * 100))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** inbound-rtp bytesReceived of the viewer's video, from libwebrtc's stats (0 if not reported yet). */
    private static long bytesReceived(BenchViewer v) throws Exception {
        for (var st : v.peer.stats(Duration.ofSeconds(2)).values()) {
            if (st.getType() == dev.onvoid.webrtc.RTCStatsType.INBOUND_RTP) {
                Object b = st.getAttributes().get("bytesReceived");
                if (b instanceof Number num) return num.longValue();
            }
        }
        return 0;
    }

    private void pace() throws InterruptedException {
        long due = lastOfferNanos + TimeUnit.MILLISECONDS.toNanos(OFFER_SPACING_MS);
        sleepUntil(due);
        lastOfferNanos = System.nanoTime();
    }

    /** Session threads end a moment after the viewer closed; wait (bounded) until the count is back. */
    private static long settleThreads(long pid, long base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long t = ProcStats.threads(pid);
        while (t > base && System.nanoTime() < deadline) {
            Thread.sleep(200);
            t = ProcStats.threads(pid);
        }
        return t;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
        if (ms > 0) Thread.sleep(ms);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Duration timeout, CameraProcess cam, String what, Check c) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.ok()) {
            cam.requireAlive("waiting for " + what);
            if (System.nanoTime() > deadline) throw new IOException("timed out waiting for " + what + "; log " + cam.log);
            Thread.sleep(5);
        }
    }

    static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format("%.1f", v);
    }
}
