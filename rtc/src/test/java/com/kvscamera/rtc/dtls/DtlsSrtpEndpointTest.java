package com.kvscamera.rtc.dtls;

import static com.kvscamera.rtc.dtls.DtlsTestSupport.CLIENT_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.FAST;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.SERVER_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertKeysCrossMatch;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertNoDtlsThreads;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.srtp.SrtpProfile;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our DTLS client against our DTLS server over real UDP on 127.0.0.1. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtlsSrtpEndpointTest {
    private final ExecutorService events = DtlsTestSupport.events("udp");

    @AfterEach
    void tearDown() throws InterruptedException {
        events.shutdownNow();
        assertNoDtlsThreads();
    }

    private record Pair(DtlsSrtpEndpoint server, DtlsSrtpEndpoint client, UdpLoopbackLink link,
                        CompletableFuture<SrtpSession> serverSession, CompletableFuture<SrtpSession> clientSession)
            implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            client.close();
            server.close();
            link.close();
        }
    }

    private Pair connect(DtlsSettings serverSettings, DtlsSettings clientSettings,
                         DtlsFingerprint clientExpects, DtlsFingerprint serverExpects) throws Exception {
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(serverSettings, SERVER_CERT, "viewer", events);
        DtlsSrtpEndpoint client = new DtlsSrtpEndpoint(clientSettings, CLIENT_CERT, "camera", events);
        UdpLoopbackLink link = new UdpLoopbackLink(server.receiver(), client.receiver());
        CompletableFuture<SrtpSession> s = server.start(DtlsRole.SERVER, serverExpects, link.senderFromA());
        CompletableFuture<SrtpSession> c = client.start(DtlsRole.CLIENT, clientExpects, link.senderFromB());
        return new Pair(server, client, link, s, c);
    }

    private Pair connect(DtlsSettings serverSettings, DtlsSettings clientSettings) throws Exception {
        return connect(serverSettings, clientSettings, SERVER_CERT.fingerprint(), CLIENT_CERT.fingerprint());
    }

    @Test
    void handshakeOverUdpNegotiatesGcmAndKeysCrossMatchThenCloseNotifyReachesThePeer() throws Exception {
        long before = DtlsTestSupport.dtlsThreads();
        try (Pair p = connect(DtlsSettings.defaults(), DtlsSettings.defaults())) {
            SrtpSession server = await(p.serverSession);
            SrtpSession client = await(p.clientSession);
            assertEquals(SrtpProfile.AEAD_AES_128_GCM, server.profile());
            assertKeysCrossMatch(server, client);
            assertEquals(before + 2, DtlsTestSupport.dtlsThreads(), "one named thread per endpoint");
            System.out.printf("DTLS handshake over UDP loopback: server %d ms, client %d ms%n",
                    p.server.stats().handshakeMillis, p.client.stats().handshakeMillis);

            p.client.close();
            assertEquals(CloseReason.LOCAL, await(p.client.closed()));
            assertEquals(CloseReason.REMOTE_CLOSE_NOTIFY, await(p.server.closed()), "server saw close_notify");
        }
    }

    @Test
    void serverCloseSendsCloseNotifyToTheClient() throws Exception {
        try (Pair p = connect(DtlsSettings.defaults(), DtlsSettings.defaults())) {
            await(p.serverSession);
            await(p.clientSession);
            p.server.close();
            assertEquals(CloseReason.REMOTE_CLOSE_NOTIFY, await(p.client.closed()));
            assertEquals(CloseReason.LOCAL, await(p.server.closed()));
        }
    }

    @Test
    void handshakeTimeOnLoopbackOverTenRuns() throws Exception {
        long[] ms = new long[10];
        for (int i = 0; i < ms.length; i++) {
            try (Pair p = connect(DtlsSettings.defaults(), DtlsSettings.defaults())) {
                await(p.serverSession);
                await(p.clientSession);
                ms[i] = p.client.stats().handshakeMillis;
            }
        }
        long[] sorted = ms.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("DTLS handshake (client view) over UDP loopback, 10 runs: min %d ms, median %d ms, max %d ms%n",
                sorted[0], sorted[5], sorted[9]);
    }

    @Test
    void serverFollowsTheClientsProfileOrder() throws Exception {
        DtlsSettings cmFirst = DtlsSettings.defaults().withSrtpProfiles(
                List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM));
        try (Pair p = connect(DtlsSettings.defaults(), cmFirst)) {
            SrtpSession server = await(p.serverSession);
            assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, server.profile());
            assertKeysCrossMatch(server, await(p.clientSession));
        }
    }

    @Test
    void aesCmOnlyPeerGetsAesCm() throws Exception {
        DtlsSettings cmOnly = DtlsSettings.defaults().withSrtpProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        try (Pair p = connect(cmOnly, DtlsSettings.defaults())) {
            SrtpSession server = await(p.serverSession);
            assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, server.profile());
            assertKeysCrossMatch(server, await(p.clientSession));
        }
    }

    @Test
    void noCommonSrtpProfileFailsClearly() throws Exception {
        DtlsSettings cmOnly = DtlsSettings.defaults().withSrtpProfiles(List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        DtlsSettings gcmOnly = DtlsSettings.defaults().withSrtpProfiles(List.of(SrtpProfile.AEAD_AES_128_GCM));
        try (Pair p = connect(cmOnly, gcmOnly)) {
            String msg = failure(p.serverSession);
            assertTrue(msg.contains("no common SRTP profile with peer viewer"),
                    msg);
            assertTrue(msg.contains("0x0007"), msg);
            assertTrue(failure(p.clientSession).contains("DTLS handshake with camera failed"));
            assertEquals(CloseReason.HANDSHAKE_FAILED, await(p.server.closed()));
        }
    }

    @Test
    void wrongServerFingerprintFailsTheClientWithAClearMessage() throws Exception {
        DtlsFingerprint wrong = DtlsTestSupport.CLIENT_CERT.fingerprint(); // not the server's
        try (Pair p = connect(DtlsSettings.defaults(), DtlsSettings.defaults(), wrong, CLIENT_CERT.fingerprint())) {
            String clientMsg = failure(p.clientSession);
            assertTrue(clientMsg.contains("DTLS certificate fingerprint mismatch for peer camera"), clientMsg);
            assertTrue(clientMsg.contains(SERVER_CERT.fingerprint().toSdp()), "names the actual fingerprint: " + clientMsg);
            String serverMsg = failure(p.serverSession);
            assertTrue(serverMsg.contains("peer sent fatal alert bad_certificate"), serverMsg);
        }
    }

    @Test
    void wrongClientFingerprintFailsTheServer() throws Exception {
        DtlsFingerprint wrong = SERVER_CERT.fingerprint("sha-384");
        try (Pair p = connect(DtlsSettings.defaults(), DtlsSettings.defaults(), SERVER_CERT.fingerprint(), wrong)) {
            String serverMsg = failure(p.serverSession);
            assertTrue(serverMsg.contains("fingerprint mismatch for peer viewer"), serverMsg);
            assertTrue(serverMsg.contains(CLIENT_CERT.fingerprint("sha-384").toSdp()), serverMsg);
            failure(p.clientSession);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha-1", "sha-384", "sha-512"})
    void otherFingerprintHashesAreAccepted(String alg) throws Exception {
        try (Pair p = connect(DtlsSettings.defaults(), DtlsSettings.defaults(),
                DtlsFingerprint.parse(SERVER_CERT.fingerprint(alg).toSdp()),
                DtlsFingerprint.parse(CLIENT_CERT.fingerprint(alg).toSdp()))) {
            assertKeysCrossMatch(await(p.serverSession), await(p.clientSession));
        }
    }

    @ParameterizedTest(name = "mtu {0}, cookies {1}")
    @CsvSource({"256, false", "256, true", "120, false", "120, true"})
    void clientWithASmallMtuFragmentsItsClientHelloAndStillCompletes(int mtu, boolean cookies) throws Exception {
        try (Pair p = connect(DtlsSettings.defaults().withHelloVerifyCookies(cookies),
                DtlsSettings.defaults().withMtu(mtu))) {
            assertKeysCrossMatch(await(p.serverSession), await(p.clientSession));
            assertTrue(p.client.stats().snapshot().datagramsOut() > 4,
                    "the client's flights were split into many datagrams: " + p.client.stats());
        }
    }

    @Test
    void handshakeDeadlineFailsAServerThatHearsNothing() throws Exception {
        DtlsSettings quick = DtlsSettings.defaults()
                .withHandshakeTimeout(java.time.Duration.ofMillis(600))
                .withInitialRetransmit(java.time.Duration.ofMillis(100));
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(quick, SERVER_CERT, "silent", events);
        CompletableFuture<SrtpSession> f = server.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(), (d, o, l) -> { });
        String msg = failure(f);
        assertTrue(msg.startsWith("DTLS handshake with silent failed"), msg);
        assertTrue(msg.contains("dtls.handshakeTimeout = 600 ms"), msg);
        assertEquals(CloseReason.HANDSHAKE_FAILED, await(server.closed()));
        server.close();
    }

    @Test
    void closeDuringTheHandshakeFailsStartAndStopsTheThread() throws Exception {
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(DtlsSettings.defaults(), SERVER_CERT, "early", events);
        CompletableFuture<SrtpSession> f = server.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(), (d, o, l) -> { });
        server.close();
        assertTrue(failure(f).contains("early"));
        assertEquals(CloseReason.LOCAL, await(server.closed()));
        assertThrows(IllegalStateException.class,
                () -> server.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(), (d, o, l) -> { }));
    }

    @Test
    void closeBeforeStartIsHarmless() throws Exception {
        DtlsSrtpEndpoint e = new DtlsSrtpEndpoint(DtlsSettings.defaults(), SERVER_CERT, "never", events);
        e.close();
        e.close();
        assertEquals(CloseReason.LOCAL, await(e.closed()));
        assertTrue(failure(e.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(), (d, o, l) -> { })).contains("closed"));
    }

    static String failure(CompletableFuture<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        assertInstanceOf(DtlsHandshakeException.class, e.getCause(), String.valueOf(e.getCause()));
        return e.getCause().getMessage();
    }
}
