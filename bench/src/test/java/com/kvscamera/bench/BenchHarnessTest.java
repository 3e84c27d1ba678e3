package com.kvscamera.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's pieces, and one short real measurement of each camera: emulator, agent and baseline as processes
 * (main classes from this test's class path), one viewer, a few cycles.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class BenchHarnessTest {

    @Test
    void percentilesAreNearestRankOfTheSample() {
        List<Integer> xs = new ArrayList<>();
        for (int i = 1; i <= 100; i++) xs.add(i);
        assertEquals(50.0, Percentiles.of(xs, 50));
        assertEquals(99.0, Percentiles.of(xs, 99));
        assertEquals(100.0, Percentiles.of(xs, 100));
        assertEquals(7.0, Percentiles.of(List.of(9, 7, 3), 50));
        assertEquals(9.0, Percentiles.of(List.of(9, 7, 3), 99));
        assertTrue(Double.isNaN(Percentiles.of(List.of(), 50)));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(xs, 0));
    }

    @Test
    void jsonHasExactlyTheKeysOfTheIssue() {
        Map<String, Double> agent = new java.util.HashMap<>();
        for (String k : Results.KEYS) agent.put(k, 1.25);
        agent.put("cpu_pct_10_viewers", Double.NaN);
        Map<String, Object> json = Results.json(agent, Map.of(), 1000, "box", "2026-11-22T00:00:00Z");
        List<String> expected = new ArrayList<>(List.of("trickle_answer_ms_p50", "trickle_answer_ms_p99",
                "alexa_answer_ms_p50", "alexa_answer_ms_p99", "alexa_answer_ms_turn_unreachable_p50",
                "first_frame_ms_p50", "cpu_pct_1_viewer", "cpu_pct_3_viewers", "cpu_pct_10_viewers", "rss_mib_idle",
                "rss_mib_3_viewers", "rss_mib_growth_after_cycles", "threads_growth_after_cycles",
                "startup_to_connected_ms"));
        for (String k : List.copyOf(expected)) expected.add("baseline_" + k);
        expected.addAll(List.of("cycles", "machine", "timestamp"));
        assertEquals(expected, new ArrayList<>(json.keySet()));
        assertEquals(1.3, json.get("rss_mib_idle")); // one decimal
        assertNull(json.get("cpu_pct_10_viewers"), "an unmeasured figure is null, never invented");
        assertNull(json.get("baseline_rss_mib_idle"));
        assertEquals(1000, json.get("cycles"));
    }

    @Test
    void alexaStyleOffersCarryFarAwayCandidatesAndNoTrickle() {
        String offer = String.join("\r\n", "v=0", "a=ice-options:trickle", "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "a=candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host generation 0",
                "a=candidate:2 1 udp 2122262783 fd00::2 50001 typ host generation 0", "a=mid:0", "");
        String out = Scenario.alexaStyle(offer);
        assertTrue(!out.contains("ice-options:trickle") && !out.contains("192.0.2.2") && !out.contains("fd00::2"), out);
        assertTrue(out.contains("a=candidate:1 1 udp 2122260223 203.0.113.7 50000 typ host generation 0\r\n"), out);
        assertTrue(out.contains(" 2001:db8::7 50001 typ host"), out);
        assertTrue(out.endsWith("a=mid:0\r\n"), out);
    }

    @Test
    void optionsNameTheirFlagAndQuickMeansFewerCycles() {
        BenchOptions q = BenchOptions.parse(List.of("--quick", "--out", "r.json"));
        assertTrue(q.cycles() < 100);
        assertEquals(1000, BenchOptions.parse(List.of("--out", "r.json")).cycles());
        assertEquals(7, BenchOptions.parse(List.of("--out", "r.json", "--cycles", "7")).cycles());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--quick")))
                .getMessage().contains("--out"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--out", "x", "--cycles", "many"))).getMessage().contains("--cycles"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--out", "x", "--fast"))).getMessage().contains("--fast"));
    }

    @Test
    void chartIsAPngNextToTheJson(@TempDir Path dir) throws Exception {
        Path png = Chart.nextTo(dir.resolve("results.json"));
        assertEquals("results.png", png.getFileName().toString());
        Chart.write(png, Map.of("cpu_pct_1_viewer", 2.5), Map.of("cpu_pct_1_viewer", 25.0), "test");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 500 && img.getHeight() > 300);
    }

    @Test
    void oneViewerSmokeMeasurementOfBothCameras(@TempDir Path dir) throws Exception {
        BenchOptions o = new BenchOptions(true, dir.resolve("r.json"), 3, 2, 1, 1000, List.of(1),
                Launch.classpath(System.getProperty("java.class.path")), false, false);
        List<String> log = new ArrayList<>();
        Scenario s = new Scenario(o, dir, line -> {
            System.out.println(line);
            log.add(line);
        });
        long t0 = System.nanoTime();
        Map<String, Double> agent = s.run(CameraProcess.Kind.AGENT);
        Map<String, Double> baseline = s.run(CameraProcess.Kind.BASELINE);
        System.out.printf("smoke run of both cameras took %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        for (Map<String, Double> r : List.of(agent, baseline)) {
            for (String k : List.of("startup_to_connected_ms", "trickle_answer_ms_p50", "first_frame_ms_p50",
                    "alexa_answer_ms_p50", "alexa_answer_ms_turn_unreachable_p50", "alexa_answer_ms_turn_closed_p50",
                    "cpu_pct_1_viewer", "rss_mib_idle")) {
                assertTrue(r.get(k) != null && r.get(k) > 0, k + " = " + r.get(k) + " in " + r);
            }
            assertEquals(0.0, r.get("failures"), "" + log);
            assertTrue(r.get("fps_1") > 15, "a viewer decoded " + r.get("fps_1") + " fps");
            assertEquals(1280.0, r.get("width_1"), "the viewer decoded the full 1280x720 picture");
        }
    }
}
