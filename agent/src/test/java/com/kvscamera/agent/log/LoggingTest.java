package com.kvscamera.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SLF4J → slf4j-jdk14 → the line formatter, as installed by Main. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoggingTest {
    private PrintStream savedErr;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        savedErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        // leave JUL as the JDK configures it, for the test classes that run after this one in the same JVM
        try {
            java.util.logging.LogManager.getLogManager().readConfiguration();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static void logSome() {
        Logger log = LoggerFactory.getLogger("com.kvscamera.agent.signaling.Master");
        log.error("answer failed for {}", "viewer-1");
        log.warn("slow TURN server");
        log.info("two\nlines");
        log.debug("details");
        log.info("with cause", new IOException("socket closed", new IllegalStateException("inner")));
    }

    @Test
    void underSystemdLinesCarrySyslogPrioritiesAndNoTimestamp() {
        Logging.install(Map.of("JOURNAL_STREAM", "8:12345", "KVS_AGENT_LOG_LEVEL", "debug"));
        logSome();
        List<String> lines = lines();
        assertEquals(5, lines.size(), lines.toString());
        String thread = Thread.currentThread().getName();
        assertEquals("<3>[" + thread + "] agent.signaling.Master: answer failed for viewer-1", lines.get(0));
        assertEquals("<4>[" + thread + "] agent.signaling.Master: slow TURN server", lines.get(1));
        assertEquals("<6>[" + thread + "] agent.signaling.Master: two\\nlines", lines.get(2));
        assertEquals("<7>[" + thread + "] agent.signaling.Master: details", lines.get(3));
        assertTrue(lines.get(4).startsWith("<6>[" + thread + "] agent.signaling.Master: with cause (IOException: socket closed at "
                + "LoggingTest.logSome:"), lines.get(4));
        assertTrue(lines.get(4).contains("; caused by IllegalStateException: inner at "), lines.get(4));
        Logging.install(Map.of("INVOCATION_ID", "abc"));
        captured.reset();
        LoggerFactory.getLogger("x").info("hello");
        assertTrue(lines().get(0).startsWith("<6>["), lines().toString());
    }

    @Test
    void elsewhereLinesStartWithATimestampAndLevel() {
        Logging.install(Map.of());
        logSome();
        List<String> lines = lines();
        assertEquals(4, lines.size(), "debug is off by default: " + lines);
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ERROR \\[.+\\] "
                + "agent\\.signaling\\.Master: answer failed for viewer-1"), lines.get(0));
        assertTrue(lines.get(1).contains(" WARN  ["), lines.get(1));
        assertFalse(lines.get(2).startsWith("<"), lines.get(2));
    }

    @Test
    void levelNamesAndPriorities() {
        assertEquals(java.util.logging.Level.WARNING, Logging.parseLevel("warn"));
        assertEquals(java.util.logging.Level.INFO, Logging.parseLevel(null));
        assertEquals(7, LineFormatter.syslogPriority(java.util.logging.Level.FINEST));
        assertEquals(3, LineFormatter.syslogPriority(java.util.logging.Level.SEVERE));
    }
}
