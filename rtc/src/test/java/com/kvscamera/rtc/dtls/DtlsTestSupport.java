package com.kvscamera.rtc.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.srtp.SrtpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

final class DtlsTestSupport {
    /** Generated once per JVM: certificate generation is the slow part and is tested separately. */
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate(Clock.systemUTC(), new SecureRandom());
    static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate(Clock.systemUTC(), new SecureRandom());

    /** Fast retransmission so that injected loss costs tens of milliseconds, not seconds. */
    static final DtlsSettings FAST = DtlsSettings.defaults()
            .withInitialRetransmit(Duration.ofMillis(50))
            .withHandshakeTimeout(Duration.ofSeconds(20));

    private DtlsTestSupport() {
    }

    static ExecutorService events(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-events-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    static long dtlsThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("dtls-") && t.isAlive())
                .count();
    }

    /** Waits (bounded) for every DTLS thread to be gone; they end in close() but the JVM may lag in reporting. */
    static void assertNoDtlsThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (dtlsThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling a JVM-wide fact with a deadline; there is nothing to inject here
        }
        assertEquals(0, dtlsThreads(), "DTLS threads left: " + Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(n -> n.startsWith("dtls-")).toList());
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Protects RTP and RTCP on each side and unprotects on the other: proves the exported keys cross-match. */
    static void assertKeysCrossMatch(SrtpSession a, SrtpSession b) {
        assertEquals(a.profile(), b.profile());
        for (SrtpSession[] dir : List.of(new SrtpSession[] {a, b}, new SrtpSession[] {b, a})) {
            byte[] rtp = new byte[200];
            rtp[0] = (byte) 0x80;
            rtp[1] = 96;
            rtp[3] = 1;
            rtp[11] = 42;
            for (int i = 12; i < 112; i++) {
                rtp[i] = (byte) i;
            }
            int n = dir[0].protectRtp(rtp, 112);
            assertEquals(112, dir[1].unprotectRtp(rtp, n), "RTP protected by one side unprotects on the other");
            assertEquals((byte) 50, rtp[50]);

            byte[] rtcp = new byte[100];
            rtcp[0] = (byte) 0x81;
            rtcp[1] = (byte) 206; // PSFB (PLI)
            rtcp[3] = 2;
            rtcp[7] = 7;
            rtcp[11] = 42;
            int m = dir[0].protectRtcp(rtcp, 12);
            assertTrue(m > 12);
            assertEquals(12, dir[1].unprotectRtcp(rtcp, m), "SRTCP protected by one side unprotects on the other");
            assertEquals((byte) 42, rtcp[11]);
        }
    }
}
