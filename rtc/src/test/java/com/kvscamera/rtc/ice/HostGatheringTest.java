package com.kvscamera.rtc.ice;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which addresses become host candidates, and the configured UDP port range. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostGatheringTest {
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    @Test
    void loopbackOnlyWhenAllowedAndNeverLinkLocalOrIpv6() throws Exception {
        for (InetAddress a : HostInterfaces.list(IceOptions.defaults())) {
            assertFalse(a.isLoopbackAddress(), "loopback without permission: " + a);
            assertFalse(a.isLinkLocalAddress(), a.toString());
            assertEquals(4, a.getAddress().length, "IPv4 only: " + a);
        }
        List<InetAddress> withLo = HostInterfaces.list(IceOptions.defaults().withLoopback(true));
        assertTrue(withLo.get(0).isLoopbackAddress(), "loopback first when allowed: " + withLo);
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")),
                HostInterfaces.list(IceOptions.defaults().withLoopback(true).withInterfaces(List.of("lo"))));
        assertTrue(HostInterfaces.list(IceOptions.defaults().withInterfaces(List.of("no-such-if0"))).isEmpty());
    }

    @Test
    void bindsInsideTheConfiguredPortRangeAndNamesItWhenFull() throws Exception {
        int base;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            base = ((java.net.InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        IceOptions o = IceOptions.defaults().withLoopback(true).withInterfaces(List.of("lo")).withPorts(base, base + 1);
        try (IceAgent a = new IceAgent(o, Clock.systemUTC(), timers);
             IceAgent b = new IceAgent(o, Clock.systemUTC(), timers);
             IceAgent c = new IceAgent(o, Clock.systemUTC(), timers)) {
            int pa = a.gatherAll(Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS).get(0).port();
            int pb = b.gatherAll(Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS).get(0).port();
            assertTrue(pa >= base && pa <= base + 1 && pb >= base && pb <= base + 1 && pa != pb, pa + "," + pb);
            IOException e = assertThrows(IOException.class, () -> c.startGathering(null));
            assertTrue(e.getMessage().contains(base + "-" + (base + 1)), e.getMessage());
        }
    }
}
