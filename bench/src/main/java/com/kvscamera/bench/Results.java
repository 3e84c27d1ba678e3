package com.kvscamera.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON document of a run (exactly the keys of issue 9), the printed table and the target verdicts. */
final class Results {
    /** Figures measured for both cameras, in JSON order; the baseline's carry the {@code baseline_} prefix. */
    static final List<String> KEYS = List.of("trickle_answer_ms_p50", "trickle_answer_ms_p99", "alexa_answer_ms_p50",
            "alexa_answer_ms_p99", "alexa_answer_ms_turn_unreachable_p50", "first_frame_ms_p50", "cpu_pct_1_viewer",
            "cpu_pct_3_viewers", "cpu_pct_10_viewers", "rss_mib_idle", "rss_mib_3_viewers",
            "rss_mib_growth_after_cycles", "threads_growth_after_cycles", "startup_to_connected_ms");

    private Results() {}

    static Map<String, Object> json(Map<String, Double> agent, Map<String, Double> baseline, int cycles, String machine,
                                    String timestamp) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : KEYS) out.put(k, number(agent.get(k)));
        for (String k : KEYS) out.put("baseline_" + k, number(baseline.get(k)));
        out.put("cycles", cycles);
        out.put("machine", machine);
        out.put("timestamp", timestamp);
        return out;
    }

    /** One decimal; null when the figure could not be measured (never a made-up number). */
    private static Object number(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) return null;
        return Math.round(v * 10) / 10.0;
    }

    static void write(Path file, Map<String, Object> json) throws IOException {
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    }

    /** A target the agent is held to; {@code check} gets (agent, baseline) and returns null when not measurable. */
    record Target(String text, java.util.function.BiFunction<Map<String, Double>, Map<String, Double>, Boolean> check) {}

    static final List<Target> TARGETS = List.of(
            new Target("trickle answer p50 <= 20 ms", (a, b) -> le(a.get("trickle_answer_ms_p50"), 20)),
            new Target("Alexa answer p50 <= 200 ms (TURN reachable)", (a, b) -> le(a.get("alexa_answer_ms_p50"), 200)),
            new Target("Alexa answer p50 <= 1600 ms (TURN unreachable: silent)",
                    (a, b) -> le(a.get("alexa_answer_ms_turn_unreachable_p50"), 1600)),
            new Target("first frame p50 <= 300 ms (GOP 2 s)", (a, b) -> le(a.get("first_frame_ms_p50"), 300)),
            new Target("CPU per added viewer, (10 viewers - 1 viewer) / 9, <= 1/10 of baseline's", (a, b) -> {
                Double x = marginal(a);
                Double y = marginal(b);
                return x == null || y == null ? null : x <= y / 10;
            }),
            new Target("CPU total <= 1/10 of baseline's at 1, 3 and 10 viewers", (a, b) -> {
                Boolean all = true;
                for (String k : List.of("cpu_pct_1_viewer", "cpu_pct_3_viewers", "cpu_pct_10_viewers")) {
                    Double x = a.get(k);
                    Double y = b.get(k);
                    if (x == null || y == null || x.isNaN() || y.isNaN()) return null;
                    all &= x <= y / 10;
                }
                return all;
            }),
            new Target("idle RSS <= 64 MiB", (a, b) -> le(a.get("rss_mib_idle"), 64)),
            new Target("RSS growth after cycles <= 1 MiB", (a, b) -> le(a.get("rss_mib_growth_after_cycles"), 1)),
            new Target("thread growth after cycles = 0", (a, b) -> le(a.get("threads_growth_after_cycles"), 0)));

    /** CPU of each viewer beyond the first: what a camera pays per extra viewer, without its fixed costs. */
    static Double marginal(Map<String, Double> r) {
        Double one = r.get("cpu_pct_1_viewer");
        Double ten = r.get("cpu_pct_10_viewers");
        if (one == null || ten == null || one.isNaN() || ten.isNaN()) return null;
        return (ten - one) / 9;
    }

    private static Boolean le(Double v, double limit) {
        if (v == null || v.isNaN()) return null;
        return v <= limit;
    }

    static String table(Map<String, Double> agent, Map<String, Double> baseline) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-40s %12s %12s %10s%n", "figure", "agent", "baseline", "agent/base"));
        List<String> rows = new ArrayList<>(KEYS);
        rows.addAll(List.of("alexa_answer_ms_turn_closed_p50", "fps_1", "fps_3", "fps_10", "width_1", "width_3", "width_10", "mbps_1", "mbps_3", "mbps_10", "failures"));
        rows.add(rows.indexOf("cpu_pct_10_viewers") + 1, "cpu_pct_per_added_viewer");
        for (String k : rows) {
            Double a = k.equals("cpu_pct_per_added_viewer") ? marginal(agent) : agent.get(k);
            Double b = k.equals("cpu_pct_per_added_viewer") ? marginal(baseline) : baseline.get(k);
            String ratio = a != null && b != null && !a.isNaN() && !b.isNaN() && b != 0 ? String.format("%.3f", a / b) : "-";
            sb.append(String.format("%-40s %12s %12s %10s%n", k, Scenario.fmt(a), Scenario.fmt(b), ratio));
        }
        sb.append(String.format("%ntargets (agent):%n"));
        for (Target t : TARGETS) {
            Boolean ok = t.check().apply(agent, baseline);
            sb.append(String.format("  %-7s %s%n", ok == null ? "n/a" : ok ? "MET" : "MISSED", t.text()));
        }
        return sb.toString();
    }
}
