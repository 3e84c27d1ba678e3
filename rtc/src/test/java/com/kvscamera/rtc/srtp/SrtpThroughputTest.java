package com.kvscamera.rtc.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reports protect/unprotect cost for 1200-byte packets as thread CPU time (the build host is shared, so wall
 * time would mostly measure the other builds); a figure for the report, not an assertion.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SrtpThroughputTest {

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectAndUnprotect1200BytePackets(SrtpProfile p) {
        byte[] key = new byte[p.keyLength()];
        byte[] salt = new byte[p.saltLength()];
        SrtpMasterKey k = new SrtpMasterKey(p, key, salt);
        SrtpSession tx = new SrtpSession(new SrtpKeyingMaterial(k, k));
        SrtpSession rx = new SrtpSession(new SrtpKeyingMaterial(k, k));
        byte[] buf = new byte[1200 + 16];
        int packets = 60_000;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long protectNanos = 0;
        long unprotectNanos = 0;
        for (int i = 0; i < packets; i++) {
            buf[0] = (byte) 0x80;
            buf[1] = 96;
            buf[2] = (byte) (i >>> 8);
            buf[3] = (byte) i;
            buf[11] = 1;
            long t0 = cpu.getCurrentThreadCpuTime();
            int n = tx.protectRtp(buf, 1200);
            long t1 = cpu.getCurrentThreadCpuTime();
            assertEquals(1200, rx.unprotectRtp(buf, n));
            long t2 = cpu.getCurrentThreadCpuTime();
            if (i >= packets / 2) { // second half: after JIT warm-up
                protectNanos += t1 - t0;
                unprotectNanos += t2 - t1;
            }
        }
        System.out.printf("%s, 1200-byte RTP: protect %.2f us, unprotect %.2f us per packet (CPU time, warm)%n", p,
                protectNanos / 1e3 / (packets / 2), unprotectNanos / 1e3 / (packets / 2));
    }
}
