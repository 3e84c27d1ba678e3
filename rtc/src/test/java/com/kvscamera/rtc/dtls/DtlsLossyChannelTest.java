package com.kvscamera.rtc.dtls;

import static com.kvscamera.rtc.dtls.DtlsTestSupport.CLIENT_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.FAST;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.SERVER_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertKeysCrossMatch;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertNoDtlsThreads;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.srtp.SrtpSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loss, duplication and reordering injected with fixed seeds on an in-memory path. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DtlsLossyChannelTest {
    private final ExecutorService events = DtlsTestSupport.events("lossy");
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-lossy-delay");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void tearDown() throws InterruptedException {
        events.shutdownNow();
        delays.shutdownNow();
        assertNoDtlsThreads();
    }

    @ParameterizedTest(name = "seed {0}, loss {1}, dup {2}, reorder {3}, client mtu {4}, cookies {5}")
    @CsvSource({
        "1, 0.20, 0.10, 0.20, 1200, false",
        "2, 0.20, 0.10, 0.20, 1200, true",
        "3, 0.10, 0.30, 0.40, 1200, false",
        "4, 0.15, 0.10, 0.20, 256, false",
        "5, 0.15, 0.10, 0.20, 256, true",
        "6, 0.10, 0.30, 0.30, 120, false",
    })
    void handshakeSurvivesLossDuplicationAndReordering(long seed, double loss, double dup, double reorder, int mtu,
                                                       boolean cookies) throws Exception {
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(FAST.withHelloVerifyCookies(cookies), SERVER_CERT, "viewer",
                events);
        DtlsSrtpEndpoint client = new DtlsSrtpEndpoint(FAST.withMtu(mtu), CLIENT_CERT, "camera", events);
        LossyLink toClient = new LossyLink(client.receiver(), seed, loss, dup, reorder, delays);
        LossyLink toServer = new LossyLink(server.receiver(), seed * 7919, loss, dup, reorder, delays);
        try {
            CompletableFuture<SrtpSession> s = server.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(), toClient);
            CompletableFuture<SrtpSession> c = client.start(DtlsRole.CLIENT, SERVER_CERT.fingerprint(), toServer);
            assertKeysCrossMatch(await(s), await(c));
            int impairments = toClient.lost.get() + toServer.lost.get() + toClient.duplicated.get()
                    + toServer.duplicated.get() + toClient.reordered.get() + toServer.reordered.get();
            assertTrue(impairments > 0, "the link really impaired the handshake");
            System.out.printf("lossy seed %d: lost %d, duplicated %d, reordered %d; client handshake %d ms%n", seed,
                    toClient.lost.get() + toServer.lost.get(), toClient.duplicated.get() + toServer.duplicated.get(),
                    toClient.reordered.get() + toServer.reordered.get(), client.stats().handshakeMillis);
        } finally {
            client.close();
            server.close();
        }
    }
}
