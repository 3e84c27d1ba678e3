package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.MasterFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.kvs.IceServer;
import com.kvscamera.rtc.ice.IceServerUri;
import com.kvscamera.rtc.turn.TurnClient;
import com.kvscamera.rtc.turn.TurnException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Short TURN Ttl on the emulator with its real coturn: refreshed before expiry, and the refreshed creds allocate. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IceRefreshEmulatorTest {
    private static final Duration ICE_TTL = Duration.ofSeconds(6);

    @Test
    void refreshesBeforeExpiryAndTheRefreshedTurnCredentialsAllocate() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b.turn(true).iceTtl(ICE_TTL))) {
            SignalingOptions o = f.options().withIceRefreshGrace(Duration.ofSeconds(2));
            SignalingMaster m = f.start(o);
            assertTrue(await(Duration.ofSeconds(15), () -> m.status().connected()) >= 0, "connected: " + m.status());
            IceConfig first = m.iceConfig().orElseThrow();
            IceServer firstTurn = first.turnServers().get(0);
            long fetchesAtStart = m.status().iceFetches();

            // watch 3 TTLs: valid TURN credentials at every observation, refreshed each time before they lapse
            List<Instant> refreshes = new ArrayList<>();
            Instant lastFetched = first.fetchedAt();
            int observations = 0;
            long end = System.nanoTime() + ICE_TTL.multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                IceConfig c = m.iceConfig().orElseThrow();
                observations++;
                assertFalse(c.turnServers().isEmpty(), "TURN credentials valid at observation " + observations);
                Instant exp = c.expiresAt();
                assertTrue(exp.isAfter(Instant.now()), "config in use expired at " + exp);
                if (!c.fetchedAt().equals(lastFetched)) {
                    assertTrue(c.fetchedAt().isBefore(lastFetched.plus(ICE_TTL)),
                            "refreshed at " + c.fetchedAt() + ", before the previous one lapsed at " + lastFetched.plus(ICE_TTL));
                    refreshes.add(c.fetchedAt());
                    lastFetched = c.fetchedAt();
                }
                Thread.sleep(50); // observation period of a real-time background refresh
            }
            System.out.println("[measure] ICE Ttl " + ICE_TTL.toSeconds() + " s: " + refreshes.size() + " refreshes in "
                    + ICE_TTL.multipliedBy(3).toSeconds() + " s, " + observations + " observations, fetches "
                    + (m.status().iceFetches() - fetchesAtStart) + ", failures " + m.status().iceFetchFailures());
            assertTrue(refreshes.size() >= 3, "at least one refresh per Ttl: " + refreshes);

            IceConfig now = m.iceConfig().orElseThrow();
            IceServer fresh = now.turnServers().get(0);
            assertTrue(!fresh.username().equals(firstTurn.username()), "credentials rotated");
            String udp = fresh.uris().stream().filter(u -> u.startsWith("turn:") && u.endsWith("transport=udp")).findFirst().orElseThrow();
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-turn"));
            try {
                InetSocketAddress relayed = allocate(udp, fresh, timers);
                System.out.println("[measure] refreshed TURN credentials allocated relay " + relayed + " on " + udp);
                // the control: the first credentials, now past their Ttl, are refused by the same coturn
                Exception refused = null;
                try {
                    allocate(udp, firstTurn, timers);
                } catch (Exception e) {
                    refused = e;
                }
                assertTrue(refused != null && String.valueOf(refused.getMessage()).contains("401"),
                        "lapsed credentials must be refused, so the allocation above proves the refresh: " + refused);
            } finally {
                timers.shutdownNow();
            }
        }
    }

    private static InetSocketAddress allocate(String uri, IceServer server, ScheduledExecutorService timers) throws Exception {
        try (TurnClient c = new TurnClient(IceServerUri.parse(uri),
                () -> new TurnClient.Credentials(server.username(), server.password()), null, Clock.systemUTC(), timers,
                Duration.ofSeconds(3), new TurnClient.Listener() {
                    @Override
                    public void onData(InetSocketAddress peer, byte[] data, int off, int len) {
                    }

                    @Override
                    public void onFailure(TurnException reason) {
                    }
                })) {
            return c.allocate().get(8, TimeUnit.SECONDS).relayed();
        }
    }
}
