package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real ffmpeg to produce H.264 Annex B test streams. */
final class Ffmpeg {
    private Ffmpeg() {}

    /** The x264 test-pattern encode used by most tests; {@code extra} goes before "-f h264 -". */
    static byte[] testPattern(String size, double seconds, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=30", "-t", Double.toString(seconds),
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "30"));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("-f", "h264", "-"));
        return run(cmd);
    }

    static byte[] run(List<String> cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ffmpeg", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg did not finish");
            assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed: " + read(err));
            assertTrue(out.size() > 0, "ffmpeg wrote nothing");
            return out.toByteArray();
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
