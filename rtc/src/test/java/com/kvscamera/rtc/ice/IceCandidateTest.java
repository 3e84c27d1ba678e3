package com.kvscamera.rtc.ice;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IceCandidateTest {

    @Test
    void parsesChromeCandidatesIncludingMdnsAndExtensions() {
        IceCandidate c = IceCandidate.parse("candidate:842163049 1 udp 1677729535 203.0.113.9 61665 typ srflx raddr 192.168.1.5 rport 61665 generation 0 ufrag 4ZcD network-cost 999");
        assertEquals(IceCandidate.Type.SRFLX, c.type());
        assertEquals("192.168.1.5", c.relatedAddress());
        assertEquals(61665, c.relatedPort());
        IceCandidate m = IceCandidate.parse("a=candidate:1 1 udp 2122260223 0f4e3a2c-1b5d-4a6e-9c8f-7d6e5f4a3b2c.local 54400 typ host generation 0");
        assertTrue(m.isMdns());
        assertNull(IceChecker.address(m), "mDNS names are never resolved: peer-reflexive discovery covers them");
    }

    @Test
    void alexaOfferCandidatesParseAndOnlyUdpComponentOneIsUsed() throws Exception {
        // The candidate lines of /work/shared/fixtures/alexa-offer.sdp (first m-line), inlined so CI needs no shared dir.
        List<String> lines = List.of(
                "a=candidate:1 1 UDP 2013266431 52.90.193.210 60128 typ host",
                "a=candidate:2 1 TCP 1015021823 52.90.193.210 9 typ host tcptype active",
                "a=candidate:3 1 TCP 1010827519 52.90.193.210 45962 typ host tcptype passive",
                "a=candidate:1 2 UDP 2013266430 52.90.193.210 46109 typ host",
                "a=candidate:2 2 TCP 1015021822 52.90.193.210 9 typ host tcptype active",
                "a=candidate:3 2 TCP 1010827518 52.90.193.210 53795 typ host tcptype passive");
        assertFalse(lines.isEmpty());
        long usable = lines.stream().map(IceCandidate::parse).filter(c -> IceChecker.address(c) != null).count();
        assertEquals(1, usable, "only the UDP component-1 candidate; TCP and RTCP ones are tolerated and ignored");
    }

    @Test
    void writesWhatItParses() {
        IceCandidate c = new IceCandidate("abc", 1, "udp", IceCandidate.priority(IceCandidate.Type.RELAY, 65535, 1),
                "127.0.0.1", 50000, IceCandidate.Type.RELAY, "10.0.0.1", 40000, null);
        String line = c.toSdpAttribute();
        assertEquals("candidate:abc 1 udp 16777215 127.0.0.1 50000 typ relay raddr 10.0.0.1 rport 40000 generation 0", line);
        assertEquals(c, IceCandidate.parse(line));
        assertEquals(2130706431L, IceCandidate.priority(IceCandidate.Type.HOST, 65535, 1));
    }

    @Test
    void badCandidatesNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class, () -> IceCandidate.parse("candidate:1 1 udp x 1.2.3.4 5 typ host"));
        assertTrue(e.getMessage().contains("must be numbers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IceCandidate.parse("candidate:1 1 udp 1 1.2.3.4 5 typ weird"));
        assertTrue(e.getMessage().contains("unknown candidate type"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IceCandidate.parse("garbage"));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IceCandidate.parse("candidate:1 1 udp 1 1.2.3.4 70000 typ host"));
    }

    @Test
    void iceServerUris() {
        assertEquals(new IceServerUri(IceServerUri.Scheme.TURNS, "turn.kvs.example", 443, IceServerUri.Transport.TLS),
                IceServerUri.parse("turns:turn.kvs.example:443?transport=tcp"));
        assertEquals(new IceServerUri(IceServerUri.Scheme.TURN, "1.2.3.4", 3478, IceServerUri.Transport.TCP),
                IceServerUri.parse("turn:1.2.3.4?transport=tcp"));
        assertEquals(new IceServerUri(IceServerUri.Scheme.STUN, "::1", 19302, IceServerUri.Transport.UDP),
                IceServerUri.parse("stun:[::1]:19302"));
        assertEquals(5349, IceServerUri.parse("turns:h").port());
        var e = assertThrows(IllegalArgumentException.class, () -> IceServerUri.parse("http://x"));
        assertTrue(e.getMessage().contains("scheme must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IceServerUri.parse("turn:h:99999"));
        assertTrue(e.getMessage().contains("port out of range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IceServerUri.parse("turn:h?transport=sctp"));
        assertTrue(e.getMessage().contains("transport must be udp or tcp"), e.getMessage());
        assertFalse(new IceServer(List.of("turn:h"), "user", "s3cret").toString().contains("s3cret"));
    }

    @Test
    void endOfCandidatesMarkersAreAccepted() {
        var timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (IceAgent a = new IceAgent(IceOptions.defaults(), java.time.Clock.systemUTC(), timers)) {
            a.addRemoteCandidate("");
            a.addRemoteCandidate("a=end-of-candidates");
            a.addRemoteCandidate(null);
            assertThrows(IllegalArgumentException.class, () -> a.addRemoteCandidate("candidate:junk"));
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void optionsRejectBadPortRanges() {
        var e = assertThrows(IllegalArgumentException.class, () -> IceOptions.defaults().withPorts(5000, 4000));
        assertTrue(e.getMessage().contains("ice port range"), e.getMessage());
    }
}
