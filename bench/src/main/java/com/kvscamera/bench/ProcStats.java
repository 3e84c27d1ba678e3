package com.kvscamera.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU, RSS and thread count of one process, from /proc (Linux). CPU is utime+stime of the process itself (all of
 * its threads, not its children: the capture command is the camera's encoder, not the agent's work).
 */
final class ProcStats {
    /** USER_HZ; 100 on every Linux architecture the agent runs on (getconf CLK_TCK). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** utime + stime in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may contain spaces and parentheses: fields are counted after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
    }

    static double rssMib(long pid) throws IOException {
        return statusField(pid, "VmRSS:") / 1024.0; // kB
    }

    static long threads(long pid) throws IOException {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
        throw new IOException("no " + name + " in /proc/" + pid + "/status");
    }

    /**
     * utime+stime per thread name (digits folded, so "peer-viewer-3" and "peer-viewer-7" add up as
     * "peer-viewer-#"), from /proc/PID/task/TID/stat. Threads that ended meanwhile are skipped.
     */
    static java.util.Map<String, Long> threadTicks(long pid) throws IOException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return out;
    }

    /** Percent of one core used by {@code pid} over {@code windowMs} of wall time. */
    static double cpuPercent(long pid, long windowMs) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long c0 = cpuTicks(pid);
        Thread.sleep(windowMs); // the measurement window itself
        long c1 = cpuTicks(pid);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return (c1 - c0) / TICKS_PER_SECOND / seconds * 100.0;
    }
}
