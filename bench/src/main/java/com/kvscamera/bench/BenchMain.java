package com.kvscamera.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar bench/target/kvs-bench.jar [--quick] --out FILE}, from the repository root after
 * {@code mvn package}: measures the agent, then the libwebrtc baseline, each against a fresh emulator, prints a
 * table, writes FILE (JSON) and a PNG chart next to it. Exit code 0 when every figure was measured (targets missed
 * are reported, not failed), 1 when the run broke, 2 on bad arguments.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("kvs-bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            run(options);
            code = 0;
        } catch (Exception e) {
            System.err.println("kvs-bench: run failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code); // webrtc-java's signaling thread is non-daemon
    }

    /** Runs both cameras and writes the outputs; returns the JSON document. */
    static Map<String, Object> run(BenchOptions requested) throws Exception {
        Path work = Files.createTempDirectory("kvs-bench-");
        BenchOptions options = requested.withLaunch(requested.launch().snapshot(work.resolve("jars")));
        System.out.println("kvs-bench: " + (options.quick() ? "quick" : "full") + " run, " + options.cycles()
                + " cycles per camera; logs in " + work + "; " + options.launch().describe());
        String machine = MachineInfo.describe();
        Map<String, Double> agent;
        Map<String, Double> baseline;
        // one idle viewer holds webrtc-java's shared factory for the whole run, so that cycles do not re-create it
        try (var keepFactory = new com.kvscamera.testkit.WebRtcViewer(com.kvscamera.testkit.WebRtcViewer.Options.videoOnly())) {
            Scenario s = new Scenario(options, work, line -> System.out.println("  " + line));
            agent = s.run(CameraProcess.Kind.AGENT);
            baseline = options.agentOnly() ? Map.of() : s.run(CameraProcess.Kind.BASELINE);
        }
        String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> json = Results.json(agent, baseline, options.cycles(), machine, timestamp);
        System.out.println();
        System.out.println("machine: " + machine);
        System.out.print(Results.table(agent, baseline));
        Results.write(options.out(), json);
        Path png = Chart.nextTo(options.out());
        Chart.write(png, agent, baseline, machine + "; " + options.cycles() + " cycles; " + timestamp);
        System.out.println("wrote " + options.out() + " and " + png);
        return json;
    }
}
