package com.kvscamera.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in the configuration: a whole number and a unit, {@code 1500ms}, {@code 30s}, {@code 45m}, {@code 2h}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    private Durations() {
    }

    /**
     * @param key the key path, named in the error
     * @throws IllegalArgumentException with a message "&lt;key&gt;: must be a duration like ..."
     */
    public static Duration parse(String key, String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + ": must be a duration like 1500ms, 30s, 45m or 2h (got \""
                    + text + "\")");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** The shortest exact spelling: 1500ms, 30s, 45m, 2h. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms != 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
