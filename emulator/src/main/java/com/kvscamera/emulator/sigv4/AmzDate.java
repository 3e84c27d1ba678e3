package com.kvscamera.emulator.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The ISO-8601 basic timestamps SigV4 uses: 20240101T120000Z and the 20240101 scope date. */
public final class AmzDate {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private AmzDate() {
    }

    public static String format(Instant instant) {
        return STAMP.format(instant);
    }

    public static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** Returns null when the text is not a SigV4 timestamp. */
    public static Instant parseOrNull(String text) {
        if (text == null || text.length() != 16) {
            return null;
        }
        try {
            return STAMP.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
