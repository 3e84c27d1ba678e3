package com.kvscamera.rtc.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SenderReportWriterTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void ntpFromInjectedClock() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0, 500_000_000), ZoneOffset.UTC);
        long ntp = NtpTime.fromInstant(clock.instant());
        assertEquals(2_208_988_800L, ntp >>> 32);
        assertEquals(0x8000_0000L, ntp & 0xFFFF_FFFFL);
        assertEquals(NtpTime.fromEpochMillis(1_700_000_000_250L) & 0xFFFF_FFFFL, 0x4000_0000L);
        assertEquals(0xA122_8000, NtpTime.middle32(0x0000_A122_8000_0000L));
    }

    @Test
    void srAndSdesByteLayout() {
        long ntp = 0x83AA_7E80_8000_0000L; // 1970-01-01T00:00:00.5Z
        byte[] out = new byte[100];
        int n = SenderReportWriter.writeCompound(out, 2, 0x01020304, ntp, 0x0A0B0C0D, 300, 0x1_0000_0005L, "cam");
        byte[] expected = bytes(
                // SR: V=2 RC=0, PT=200, length 6
                0x80, 200, 0x00, 0x06,
                0x01, 0x02, 0x03, 0x04,
                0x83, 0xAA, 0x7E, 0x80, 0x80, 0x00, 0x00, 0x00,
                0x0A, 0x0B, 0x0C, 0x0D,
                0x00, 0x00, 0x01, 0x2C,
                0x00, 0x00, 0x00, 0x05, // octet count wraps modulo 2^32
                // SDES: V=2 SC=1, PT=202, length 3
                0x81, 202, 0x00, 0x03,
                0x01, 0x02, 0x03, 0x04,
                0x01, 0x03, 'c', 'a', 'm', 0x00, 0x00, 0x00);
        assertEquals(44, n);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 2, 2 + n));
    }

    @Test
    void cnameOnA32BitBoundaryStillGetsAnEndByte() {
        byte[] out = new byte[100];
        int n = SenderReportWriter.writeCompound(out, 0, 1, 0, 0, 0, 0, "abcdef"); // 4+2+6 = 12, needs END
        assertEquals(28 + 4 + 16, n);
        assertEquals(0, out[28 + 4 + 12]);
        assertEquals(4, out[28 + 3], "SDES length in words minus one");
        assertThrows(IllegalArgumentException.class, () -> SenderReportWriter.writeCompound(new byte[40], 0, 1, 0, 0, 0, 0, "cam"));
    }

    @Test
    void ourOwnCompoundParsesCleanlyIncludingBye() {
        byte[] out = new byte[200];
        int n = SenderReportWriter.writeGoodbye(out, 0, 0x55, 1L << 40, 9, 1, 2, "kvs-camera");
        List<Integer> byes = new ArrayList<>();
        RtcpReader r = new RtcpReader(new RtcpListener() {
            @Override
            public void onBye(int[] ssrcs, String reason) {
                for (int s : ssrcs) byes.add(s);
            }
        });
        r.read(out, 0, n);
        assertEquals(3, r.packetCount());
        assertEquals(0, r.malformedCount());
        assertEquals(List.of(0x55), byes);
    }
}
