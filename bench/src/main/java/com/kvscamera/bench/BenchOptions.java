package com.kvscamera.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * @param cycles            connect/disconnect cycles per camera (their answers and first frames are the trickle samples)
 * @param alexaSamples      Alexa (non-trickle) offers per camera with TURN reachable
 * @param unreachableSamples Alexa offers per camera after coturn was killed
 * @param cpuWindowMs       length of each CPU measurement window
 * @param viewerCounts      concurrent viewers of the CPU phases
 */
record BenchOptions(boolean quick, Path out, int cycles, int alexaSamples, int unreachableSamples, long cpuWindowMs,
                    List<Integer> viewerCounts, Launch launch, boolean agentOnly, boolean profile) {

    static final String USAGE = "usage: java -jar bench/target/kvs-bench.jar [--quick] --out FILE "
            + "[--cycles N] [--agent-jar PATH] [--engine-jar PATH] [--emulator-jar PATH] [--agent-only] [--profile] "
            + "[--no-launcher]";

    /** The unit's ExecStart wrapper, from the repository root (where the jars are looked for as well). */
    static final Path LAUNCHER = Path.of("systemd/run-agent.sh");

    static BenchOptions parse(List<String> args) {
        boolean quick = false;
        boolean agentOnly = false;
        boolean profile = false;
        boolean direct = false;
        Path out = null;
        Integer cycles = null;
        Path agent = Path.of("agent/target/kvs-camera-agent.jar");
        Path engine = Path.of("engine-libwebrtc/target/kvs-engine-libwebrtc.jar");
        Path emulator = Path.of("emulator/target/kvs-emulator.jar");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--quick" -> quick = true;
                case "--agent-only" -> agentOnly = true;
                case "--profile" -> profile = true;
                case "--no-launcher" -> direct = true;
                case "--out", "--cycles", "--agent-jar", "--engine-jar", "--emulator-jar" -> {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                    String v = args.get(++i);
                    switch (a) {
                        case "--out" -> out = Path.of(v);
                        case "--cycles" -> {
                            try {
                                cycles = Integer.parseInt(v);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("--cycles must be a number, got '" + v + "'");
                            }
                            if (cycles < 1) throw new IllegalArgumentException("--cycles must be at least 1, got " + v);
                        }
                        case "--agent-jar" -> agent = Path.of(v);
                        case "--engine-jar" -> engine = Path.of(v);
                        default -> emulator = Path.of(v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (out == null) throw new IllegalArgumentException("--out FILE is required");
        int n = cycles != null ? cycles : quick ? 40 : 1000;
        return new BenchOptions(quick, out, n, quick ? 12 : 50, quick ? 5 : 20, quick ? 5000 : 15000,
                List.of(1, 3, 10), Launch.jars(agent, engine, emulator, direct ? null : LAUNCHER), agentOnly, profile);
    }

    BenchOptions withLaunch(Launch l) {
        return new BenchOptions(quick, out, cycles, alexaSamples, unreachableSamples, cpuWindowMs, viewerCounts, l, agentOnly, profile);
    }
}
