package com.kvscamera.agent.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per event. Under systemd the line starts with a syslog priority ({@code <3>} error, {@code <4>}
 * warning, {@code <6>} info, {@code <7>} debug) that journald turns into the entry's priority, and carries no
 * timestamp (journald adds its own); elsewhere it starts with a UTC timestamp and the level.
 * Line breaks inside messages are escaped so one event never spans lines; a throwable is summarized on the
 * same line (its class, message and the frame that threw), not dumped as a stack trace.
 */
public final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final boolean systemd;

    public LineFormatter(boolean systemd) {
        this.systemd = systemd;
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        if (systemd) {
            sb.append('<').append(syslogPriority(r.getLevel())).append('>');
        } else {
            sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(String.format("%-5s", levelName(r.getLevel()))).append(' ');
        }
        sb.append('[').append(Thread.currentThread().getName()).append("] ");
        sb.append(shortName(r.getLoggerName())).append(": ");
        sb.append(oneLine(formatMessage(r)));
        Throwable t = r.getThrown();
        if (t != null) {
            sb.append(" (").append(oneLine(summarize(t))).append(')');
        }
        return sb.append(System.lineSeparator()).toString();
    }

    static int syslogPriority(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    private static String summarize(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 600; c = c.getCause() == c ? null : c.getCause()) {
            if (sb.length() > 0) {
                sb.append("; caused by ");
            }
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage());
            }
            StackTraceElement[] st = c.getStackTrace();
            if (st.length > 0) {
                sb.append(" at ").append(st[0].getClassName().substring(st[0].getClassName().lastIndexOf('.') + 1))
                        .append('.').append(st[0].getMethodName()).append(':').append(st[0].getLineNumber());
            }
        }
        return sb.toString();
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        return logger.startsWith("com.kvscamera.") ? logger.substring("com.kvscamera.".length()) : logger;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
