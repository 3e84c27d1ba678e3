package com.kvscamera.rtc.dtls;

import static com.kvscamera.rtc.dtls.DtlsTestSupport.CLIENT_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.FAST;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.SERVER_CERT;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertKeysCrossMatch;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.assertNoDtlsThreads;
import static com.kvscamera.rtc.dtls.DtlsTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChangeCipherSpecGateTest {
    private final ExecutorService events = DtlsTestSupport.events("ccs");

    @AfterEach
    void tearDown() throws InterruptedException {
        events.shutdownNow();
        assertNoDtlsThreads();
    }

    static byte[] record(int type, int epoch, long seq, int bodyLen) {
        byte[] r = new byte[13 + bodyLen];
        r[0] = (byte) type;
        r[1] = (byte) 0xFE;
        r[2] = (byte) 0xFD;
        r[3] = (byte) (epoch >>> 8);
        r[4] = (byte) epoch;
        for (int i = 0; i < 6; i++) {
            r[5 + i] = (byte) (seq >>> (40 - 8 * i));
        }
        r[11] = (byte) (bodyLen >>> 8);
        r[12] = (byte) bodyLen;
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void ccsWhosePredecessorIsMissingIsWithheldAndTheRestOfTheDatagramKept() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        byte[] cert = record(22, 0, 2, 30);
        byte[] cke = record(22, 0, 3, 20);
        assertArrayEquals(cert, gate.filter(cert));
        assertArrayEquals(cke, gate.filter(cke));
        // seq 4 (CertificateVerify) lost: CCS 5 must not reach BC, the Finished (epoch 1) beside it may
        byte[] ccs = record(20, 0, 5, 1);
        byte[] fin = record(22, 1, 0, 40);
        assertArrayEquals(fin, gate.filter(concat(ccs, fin)));
        assertNull(gate.filter(ccs));
        assertEquals(2, gate.withheld());
        // retransmitted flight, all in one datagram: the CCS follows its predecessor and passes
        byte[] flight = concat(record(22, 0, 6, 30), record(22, 0, 7, 20), record(22, 0, 8, 10),
                record(20, 0, 9, 1), record(22, 1, 1, 40));
        assertArrayEquals(flight, gate.filter(flight));
        assertEquals(2, gate.withheld());
    }

    @Test
    void gateOpensAfterAFewWithheldRecordsSoAnUnforeseenPeerStillCompletes() {
        ChangeCipherSpecGate gate = new ChangeCipherSpecGate();
        for (int i = 0; i < ChangeCipherSpecGate.MAX_WITHHELD; i++) {
            assertNull(gate.filter(record(20, 0, 100 + 10 * i, 1)));
        }
        byte[] ccs = record(20, 0, 1000, 1);
        assertArrayEquals(ccs, gate.filter(ccs));
        assertEquals(ChangeCipherSpecGate.MAX_WITHHELD, gate.withheld());
    }

    /**
     * Drops every copy of the client's CertificateVerify in the first two transmissions while its CCS gets
     * through: without the gate BC's server switches epochs and then discards the retransmitted
     * CertificateVerify, so the handshake could only time out.
     */
    @Test
    void serverCompletesWhenCertificateVerifyIsLostButChangeCipherSpecArrives() throws Exception {
        DtlsSrtpEndpoint server = new DtlsSrtpEndpoint(FAST, SERVER_CERT, "viewer", events);
        DtlsSrtpEndpoint client = new DtlsSrtpEndpoint(FAST, CLIENT_CERT, "camera", events);
        AtomicInteger droppedCertificateVerify = new AtomicInteger();
        PacketReceiver toServer = server.receiver();
        PacketSender clientOut = (d, off, len) -> {
            boolean certificateVerify = len > 13 + 12 && d[off] == 22 && d[off + 3] == 0 && d[off + 4] == 0
                    && d[off + 13] == 15;
            if (certificateVerify && droppedCertificateVerify.getAndIncrement() < 2) {
                return;
            }
            toServer.onPacket(d, off, len);
        };
        PacketReceiver toClient = client.receiver();
        try {
            CompletableFuture<SrtpSession> s = server.start(DtlsRole.SERVER, CLIENT_CERT.fingerprint(),
                    (d, off, len) -> toClient.onPacket(d, off, len));
            CompletableFuture<SrtpSession> c = client.start(DtlsRole.CLIENT, SERVER_CERT.fingerprint(), clientOut);
            assertKeysCrossMatch(await(s), await(c));
            assertTrue(droppedCertificateVerify.get() >= 2);
            assertTrue(server.stats().snapshot().changeCipherSpecWithheld() >= 1, server.stats().toString());
        } finally {
            client.close();
            server.close();
        }
    }
}
