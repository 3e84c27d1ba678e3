package com.kvscamera.rtc.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The media sender, the RTCP timer and the network receiver use one SrtpSession at once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SrtpSessionConcurrencyTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void fourOperationsFromThreeThreads(SrtpProfile p) throws Exception {
        byte[] a = new byte[p.keyLength()];
        byte[] b = new byte[p.keyLength()];
        b[0] = 1;
        SrtpMasterKey ka = new SrtpMasterKey(p, a, new byte[p.saltLength()]);
        SrtpMasterKey kb = new SrtpMasterKey(p, b, new byte[p.saltLength()]);
        SrtpSession camera = new SrtpSession(new SrtpKeyingMaterial(ka, kb));
        SrtpSession viewer = new SrtpSession(new SrtpKeyingMaterial(kb, ka));
        int n = 20_000;
        // RTCP the viewer would send, protected up front (the viewer is not under test)
        List<byte[]> fromViewer = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] r = new byte[12 + p.rtcpOverhead()];
            r[0] = (byte) 0x81;
            r[1] = (byte) 205;
            r[3] = 2;
            r[7] = 9;
            int len = viewer.protectRtcp(r, 12);
            fromViewer.add(java.util.Arrays.copyOf(r, len));
        }
        CompletableFuture<Integer> media = CompletableFuture.supplyAsync(() -> {
            int ok = 0;
            for (int i = 0; i < n; i++) {
                byte[] pkt = SrtpRolloverReplayTest.rtp(i & 0xFFFF, 100, i);
                int len = camera.protectRtp(pkt, 112);
                ok += viewer.unprotectRtp(pkt, len) == 112 ? 1 : 0;
            }
            return ok;
        }, pool);
        CompletableFuture<Integer> reports = CompletableFuture.supplyAsync(() -> {
            int ok = 0;
            for (int i = 0; i < n; i++) {
                byte[] r = new byte[28 + p.rtcpOverhead()];
                r[0] = (byte) 0x80;
                r[1] = (byte) 200;
                r[3] = 6;
                int len = camera.protectRtcp(r, 28);
                ok += viewer.unprotectRtcp(r, len) == 28 ? 1 : 0;
            }
            return ok;
        }, pool);
        CompletableFuture<Integer> feedback = CompletableFuture.supplyAsync(() -> {
            int ok = 0;
            for (byte[] r : fromViewer) {
                ok += camera.unprotectRtcp(r, r.length) == 12 ? 1 : 0;
            }
            return ok;
        }, pool);
        assertEquals(n, media.get(30, TimeUnit.SECONDS));
        assertEquals(n, reports.get(30, TimeUnit.SECONDS));
        assertEquals(n, feedback.get(30, TimeUnit.SECONDS));
        assertEquals(0, camera.stats().snapshot().dropped());
    }
}
