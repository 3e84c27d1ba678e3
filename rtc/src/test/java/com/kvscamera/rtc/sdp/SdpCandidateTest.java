package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SdpCandidateTest {

    @Test
    void parsesAndRendersTheTrickleForm() throws SdpException {
        String s = "candidate:339930163 1 udp 41754879 54.184.221.8 57035 typ relay raddr 44.225.74.152 rport 50632 generation 0 ufrag diD9 network-id 3 network-cost 50";
        SdpCandidate c = SdpCandidate.parse(s, 0);
        assertEquals("339930163", c.foundation());
        assertEquals(41754879L, c.priority());
        assertTrue(c.isRelay());
        assertTrue(c.isUdp());
        assertEquals("44.225.74.152", c.relatedAddress());
        assertEquals(50632, c.relatedPort());
        assertEquals(List.of("generation", "0", "ufrag", "diD9", "network-id", "3", "network-cost", "50"), c.extensions());
        assertEquals(s, c.toTrickleString());
    }

    @Test
    void classification() throws SdpException {
        assertTrue(SdpCandidate.parse("1 1 UDP 2122187007 fe80::1c2b:3aff:fe4d:5e6f 50123 typ host", 0).isLinkLocal());
        assertTrue(SdpCandidate.parse("1 1 UDP 2122187007 169.254.10.2 50123 typ host", 0).isLinkLocal());
        SdpCandidate v6 = SdpCandidate.parse("1 1 UDP 2122187007 2001:db8::1 50123 typ host", 0);
        assertTrue(v6.isIpv6());
        assertFalse(v6.isLinkLocal());
        SdpCandidate tcp = SdpCandidate.parse("3 2 TCP 1010827518 52.90.193.210 53795 typ host tcptype passive", 0);
        assertTrue(tcp.isTcp());
        assertEquals(2, tcp.component());
        assertEquals("passive", tcp.tcpType());
        assertNull(tcp.relatedAddress());
        assertEquals(-1, tcp.relatedPort());
        assertEquals("3 2 TCP 1010827518 52.90.193.210 53795 typ host tcptype passive", tcp.toSdpValue());
        assertTrue(SdpCandidate.parse("1 1 udp 1 4b0c2e1a-aaaa-bbbb-cccc-0123456789ab.local 1 typ host", 0).isMdns());
    }

    @Test
    void rejectsBrokenLinesWithTheLineNumber() {
        for (String bad : new String[] {"1 1 udp 1 1.2.3.4 5 host", "1 x udp 1 1.2.3.4 5 typ host", "1 1 udp 99999999999 1.2.3.4 5 typ host",
                "1 1 udp 1 1.2.3.4 70000 typ host", "1 1 udp 1 1.2.3.4 5 typ host rport x", ""}) {
            SdpException e = assertThrows(SdpException.class, () -> SdpCandidate.parse(bad, 17), bad);
            assertEquals(17, e.lineNumber());
        }
        assertThrows(IllegalArgumentException.class, () -> SdpCandidate.of("f", 1, "udp", 1, "1.2.3.4\r\na=x", 1, "host", null, -1));
    }
}
