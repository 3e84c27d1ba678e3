package com.kvscamera.rtc.dtls;

import static com.kvscamera.rtc.dtls.DtlsTestSupport.CLIENT_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.SERVER_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertKeysCrossMatch;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertNoDtlsThreads;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and malformed DTLS datagrams (fixed seed) are dropped and counted, never thrown, and never leak. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtlsMalformedInputTest {
    private final ExecutorService events = DtlsTestSupport.events("fuzz");

    @AfterEach
    void tearDown() throws InterruptedException {
        events.shutdownNow();
        assertNoDtlsThreads();
    }

    /**
     * A mix of noise: random bytes, truncated headers, and well-framed records with random content.
     *
     * @param epochZero whether well-framed records may use epoch 0. While a handshake is in progress, epoch-0
     *     records are unauthenticated by design: one with a high sequence number moves BC's epoch-0 replay window
     *     past the real peer's records and stalls the handshake. Only an on-path attacker can send those once ICE
     *     filters by the validated remote address, so the in-handshake noise uses epoch 1 (keys not yet known).
     */
    static byte[] garbage(Random r, boolean epochZero) {
        int kind = r.nextInt(4);
        int len = kind == 1 ? r.nextInt(14) : 14 + r.nextInt(300);
        byte[] b = new byte[len];
        r.nextBytes(b);
        if (len > 0) {
            b[0] = (byte) (20 + r.nextInt(44)); // what RFC 7983 routes to DTLS
        }
        if (kind >= 2 && len >= 14) {
            b[0] = (byte) (kind == 2 ? 22 : 23); // handshake or application_data
            b[1] = (byte) 0xFE;
            b[2] = (byte) 0xFD;
            b[3] = 0;
            b[4] = (byte) (epochZero ? r.nextInt(2) : 1);
            int body = len - 13;
            b[11] = (byte) (body >>> 8);
            b[12] = (byte) body;
        }
        return b;
    }

    private static void inject(PacketReceiver r, Random random, int n, boolean epochZero) {
        for (int i = 0; i < n; i++) {
            byte[] g = garbage(random, epochZero);
            r.onPacket(g, 0, g.length); // must never throw
        }
    }

    private static void drain(DtlsSrtpEndpoint e) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (e.pendingDatagrams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1); // waiting on the real DTLS thread to consume; bounded by the deadline
        }
        assertEquals(0, e.pendingDatagrams(), "DTLS thread consumed the injected datagrams");
    }

    @Test
    void noiseDuringAndAfterTheHandshakeIsDroppedAndTheAssociationSurvives() throws Exception {
        Random random = new Random(20261121);
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(DtlsTestSupport.FAST, SERVER_CERT, "viewer", events);
        DtlsSrtpEndpoint client = new DtlsSrtpEndpoint(DtlsTestSupport.FAST, CLIENT_CERT, "camera", events);
        try (UdpLoopbackLink link = new UdpLoopbackLink(server.receiver(), client.receiver())) {
            inject(server.receiver(), random, 200, false); // queued before start, like early packets from ICE
            CompletableFuture<SrtpSession> s = server.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(),
                    link.senderFromA());
            CompletableFuture<SrtpSession> c = client.start(DtlsRole.CLIENT, SERVER_CERT.fingerprint(),
                    link.senderFromB());
            inject(client.receiver(), random, 200, false);
            inject(server.receiver(), random, 200, false);
            assertKeysCrossMatch(await(s), await(c));

            // After the handshake, pace the noise so that every datagram reaches BC rather than the overflow counter.
            for (int round = 0; round < 60; round++) {
                inject(server.receiver(), random, 30, true);
                inject(client.receiver(), random, 30, true);
                drain(server);
                drain(client);
            }
            // The association still works: the peer's close_notify is authenticated and observed.
            client.close();
            assertEquals(CloseReason.REMOTE_CLOSE_NOTIFY, await(server.closed()));

            DtlsStats.Snapshot st = server.stats().snapshot();
            assertTrue(st.malformedDropped() > 500, "pre-checks dropped and counted the obvious noise: " + st);
            assertTrue(st.datagramsIn() > 0, st.toString());
            System.out.println("server after fuzz: " + st + "; client: " + client.stats());
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void receiverToleratesNullishAndOutOfRangeArguments() {
        DtlsSrtpEndpoint e = new DtlsSrtpEndpoint(DtlsSettings.defaults(), SERVER_CERT, "edge", events);
        PacketReceiver r = e.receiver();
        r.onPacket(new byte[0], 0, 0);
        r.onPacket(new byte[10], 5, 20);
        r.onPacket(new byte[5000], 0, 5000);
        r.onPacket(null, 0, 0);
        assertEquals(4, e.stats().snapshot().malformedDropped());
        e.close();
    }

    @Test
    void aFloodIsBoundedByTheQueueAndCounted() {
        DtlsSrtpEndpoint e = new DtlsSrtpEndpoint(DtlsSettings.defaults(), SERVER_CERT, "flood", events);
        byte[] record = new byte[40];
        record[0] = 22;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[12] = 27;
        for (int i = 0; i < 1000; i++) {
            e.receiver().onPacket(record, 0, record.length);
        }
        DtlsStats.Snapshot st = e.stats().snapshot();
        assertEquals(1000 - DtlsSettings.DEFAULT_RECEIVE_QUEUE, st.queueOverflowDropped(), st.toString());
        e.close();
    }
}
