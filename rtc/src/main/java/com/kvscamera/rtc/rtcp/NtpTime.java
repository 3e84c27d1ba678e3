package com.kvscamera.rtc.rtcp;

import java.time.Instant;

/** 64-bit NTP timestamps (RFC 5905: seconds since 1900 in the high word, binary fraction in the low word). */
public final class NtpTime {
    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long UNIX_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    public static long fromInstant(Instant t) {
        long seconds = t.getEpochSecond() + UNIX_EPOCH_OFFSET_SECONDS;
        long fraction = ((long) t.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | (fraction & 0xFFFF_FFFFL);
    }

    public static long fromEpochMillis(long millis) {
        return fromInstant(Instant.ofEpochMilli(millis));
    }

    /** The middle 32 bits, as echoed in a receiver report's LSR field. */
    public static int middle32(long ntp) {
        return (int) (ntp >>> 16);
    }
}
