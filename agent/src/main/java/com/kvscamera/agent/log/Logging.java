package com.kvscamera.agent.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Installs the agent's logging: SLF4J (slf4j-jdk14) → java.util.logging → one line per event on stderr, which
 * journald stores under systemd. No log files: the SD card is not written to.
 */
public final class Logging {
    /** Log level override: error, warn, info (default), debug, trace. */
    public static final String LEVEL_ENV = "KVS_AGENT_LOG_LEVEL";

    private Logging() {
    }

    /** systemd sets JOURNAL_STREAM (stderr connected to the journal) or INVOCATION_ID for every service. */
    public static boolean underSystemd(Map<String, String> env) {
        return env.containsKey("JOURNAL_STREAM") || env.containsKey("INVOCATION_ID");
    }

    /**
     * Selects {@link ShutdownSafeLogManager}. Must run before anything touches java.util.logging (the first line
     * of main); it names the class instead of referring to it, because loading any LogManager subclass would
     * initialise java.util.logging with the default manager first.
     */
    public static void keepHandlersAtShutdown() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "com.kvscamera.agent.log.ShutdownSafeLogManager");
        }
    }

    /** Replaces every root handler with one that writes formatted lines to the current {@code System.err}. */
    public static void install(Map<String, String> env) {
        Level level = parseLevel(env.get(LEVEL_ENV));
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new StderrHandler(new LineFormatter(underSystemd(env)));
        handler.setLevel(level);
        root.addHandler(handler);
    }

    static Level parseLevel(String text) {
        if (text == null || text.isBlank()) {
            return Level.INFO;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> Level.INFO;
        };
    }

    /** Looks System.err up per record, so that a redirected stderr (tests, the CLI wrapper) receives the lines. */
    private static final class StderrHandler extends Handler {
        StderrHandler(LineFormatter formatter) {
            setFormatter(formatter);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String line = getFormatter().format(record);
            PrintStream err = System.err;
            synchronized (this) {
                err.print(line);
                err.flush();
            }
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
