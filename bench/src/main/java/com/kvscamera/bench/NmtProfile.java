package com.kvscamera.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --profile}: the cameras run with {@code -XX:NativeMemoryTracking=summary} and the harness saves
 * {@code jcmd PID VM.native_memory summary} at idle, before and after the cycles. It shows where the JVM's own memory
 * goes (heap, classes, threads, code cache, GC); RSS beyond NMT's committed total is memory NMT does not see
 * (libwebrtc's and glibc's mallocs, mapped jar files). NMT adds its own overhead, so profiled runs are not the
 * reported figures.
 */
final class NmtProfile {
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern CATEGORY = Pattern.compile("-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    private NmtProfile() {}

    /** Saves the summary as {@code <name>.txt} in {@code dir} and returns a one-line digest (committed MiB). */
    static String capture(long pid, Path dir, String name) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        Files.writeString(dir.resolve(name + ".txt"), out);
        return digest(out) + String.format(", RSS %.1f MiB", ProcStats.rssMib(pid));
    }

    static String digest(String summary) {
        StringBuilder sb = new StringBuilder();
        Matcher t = TOTAL.matcher(summary);
        if (t.find()) sb.append(String.format("NMT committed %.1f MiB:", Long.parseLong(t.group(2)) / 1024.0));
        Matcher m = CATEGORY.matcher(summary);
        while (m.find()) {
            long committedKb = Long.parseLong(m.group(3));
            if (committedKb >= 512) sb.append(String.format(" %s %.1f", m.group(1).trim(), committedKb / 1024.0));
        }
        return sb.length() == 0 ? "no NMT summary" : sb.toString();
    }
}
