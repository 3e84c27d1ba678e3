package com.kvscamera.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: first stdout line, --turn supervision, SIGTERM stopping coturn, strict flags. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MainTest {
    private static Process launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void firstLineNamesTheBaseUrlAndSigtermStopsCoturn() throws Exception {
        Process p = launch("--port", "0", "--region", "us-west-2", "--access-key-id", "ID", "--secret-access-key",
                "SECRET", "--create-channel", "cam1", "--turn", "--session-ttl", "45m", "--ice-ttl", "300s",
                "--message-ttl", "60s");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m = Pattern.compile("kvs-emulator listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(first);
            assertTrue(m.matches(), first);
            String turnLine = out.readLine();
            assertTrue(turnLine.startsWith("kvs-emulator turn 127.0.0.1 udp "), turnLine);
            List<ProcessHandle> coturn = p.descendants().filter(h -> h.info().command().orElse("")
                    .endsWith("turnserver")).toList();
            assertEquals(1, coturn.size(), "one supervised turnserver");

            int port = Integer.parseInt(turnLine.split(" ")[4]);
            assertEquals(401, TurnProbe.allocateUdp(port, "1:x", "y").errorCode(), "coturn answers");

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "emulator exits on SIGTERM");
            coturn.get(0).onExit().get(10, TimeUnit.SECONDS);
            assertFalse(coturn.get(0).isAlive(), "coturn stopped with the emulator");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badFlagsExitWith2AndNameTheFlag() throws Exception {
        for (String[] args : new String[][] {
                {"--port", "0", "--access-key-id", "ID"},
                {"--port", "x", "--access-key-id", "ID", "--secret-access-key", "S"},
                {"--bogus"},
                {"--access-key-id", "ID", "--secret-access-key", "S", "--session-ttl", "45 minutes"}}) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), output);
            assertTrue(output.contains("--secret-access-key") || output.contains("--port")
                    || output.contains("'--bogus'") || output.contains("--session-ttl"), output);
        }
    }

    @Test
    void aPortInUseIsReportedAndExits1() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port",
                    Integer.toString(taken.getLocalPort()), "--access-key-id", "ID", "--secret-access-key", "S"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), output);
            assertTrue(output.contains("kvs-emulator: cannot start:"), output);
            assertFalse(output.contains("kvs-emulator listening"), output);
        }
    }

    @Test
    void durations() {
        assertEquals(java.time.Duration.ofMinutes(45), CliArgs.duration("45m"));
        assertEquals(java.time.Duration.ofSeconds(300), CliArgs.duration("300s"));
        assertEquals(java.time.Duration.ofMillis(500), CliArgs.duration("500ms"));
        assertEquals(java.time.Duration.ofHours(1), CliArgs.duration("1h"));
    }
}
