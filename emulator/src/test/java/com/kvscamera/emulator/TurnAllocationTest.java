package com.kvscamera.emulator;

import com.kvscamera.emulator.turn.CoturnProcess;
import com.kvscamera.emulator.turn.TurnCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real coturn started through CoturnProcess accepts exactly the credentials TurnCredentials issues. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnAllocationTest {
    static CoturnProcess coturn;
    static final String SECRET = CoturnProcess.randomSecret();

    @BeforeAll
    static void start() throws Exception {
        coturn = CoturnProcess.start(CoturnProcess.Config.plain(SECRET, "kvs-test"));
    }

    @AfterAll
    static void stop() {
        coturn.close();
    }

    @Test
    void issuedCredentialsAllocateOverUdpAndTcp() throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofSeconds(300), "djE6dGVzdA==", Clock.systemUTC());
        TurnProbe.Result udp = TurnProbe.allocateUdp(coturn.port(), c.username(), c.password());
        assertTrue(udp.success(), "UDP allocate: " + udp.errorCode() + " log " + coturn.recentLog());
        assertTrue(udp.attributes().containsKey(0x0016), "XOR-RELAYED-ADDRESS present");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), coturn.port())) {
            TurnProbe.Result tcp = TurnProbe.allocateTcp(s, c.username(), c.password());
            assertTrue(tcp.success(), "TCP allocate: " + tcp.errorCode());
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofSeconds(300), "x", Clock.systemUTC());
        TurnProbe.Result r = TurnProbe.allocateUdp(coturn.port(), c.username(), "d3JvbmcgcGFzc3dvcmQ=");
        assertEquals(TurnProbe.ERROR, r.type());
        assertEquals(401, r.errorCode());
        TurnCredentials other = TurnCredentials.issue("another-secret", Duration.ofSeconds(300), "x", Clock.systemUTC());
        assertEquals(401, TurnProbe.allocateUdp(coturn.port(), other.username(), other.password()).errorCode());
    }

    @Test
    void expiredCredentialsAreRefused() throws Exception {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        TurnCredentials c = TurnCredentials.issue(SECRET, Duration.ofSeconds(300), "x", anHourAgo);
        TurnProbe.Result r = TurnProbe.allocateUdp(coturn.port(), c.username(), c.password());
        assertFalse(r.success());
        assertEquals(401, r.errorCode());
    }

    @Test
    void credentialShape() {
        TurnCredentials c = TurnCredentials.issue("s", Duration.ofSeconds(300), "id",
                Clock.fixed(Instant.ofEpochSecond(1_600_000_000L), ZoneOffset.UTC));
        assertEquals("1600000300:id", c.username());
        assertEquals(28, c.password().length(), "base64 of a 20-byte HMAC-SHA1");
        assertFalse(c.toString().contains(c.password()));
    }
}
