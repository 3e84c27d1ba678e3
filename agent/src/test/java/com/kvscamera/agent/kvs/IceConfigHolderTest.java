package com.kvscamera.agent.kvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ICE refresh timeline on a manual clock: hours of TTL cycles in milliseconds. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IceConfigHolderTest {
    private static final Duration TTL = Duration.ofSeconds(300);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<Instant> fetchTimes = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();

    private IceConfig fetch() throws KvsCallException {
        fetchTimes.add(clock.instant());
        if (failNext.get() > 0) {
            failNext.decrementAndGet();
            throw new KvsCallException("GetIceServerConfig", Outcome.TRANSIENT, 503, null, "test outage", null, null);
        }
        int n = fetchTimes.size();
        return new IceConfig(List.of(
                new IceServer(List.of("turn:127.0.0.1:3478?transport=udp"), "u" + n, "p" + n, TTL),
                new IceServer(List.of("turns:127.0.0.1:5349?transport=tcp"), "u" + n, "p" + n, TTL.plusSeconds(60))),
                clock.instant());
    }

    private IceConfigHolder holder() {
        // the I/O executor is direct: the fetch runs inside the scheduler's task, results come back via the scheduler
        return new IceConfigHolder(this::fetch, scheduler, Runnable::run, clock, GRACE,
                List.of(IceServer.stun("stun:stun.kinesisvideo.us-west-2.amazonaws.com:443")), new SplittableRandom(7), null);
    }

    @Test
    void refreshesBeforeEveryExpiryForTwoHours() {
        IceConfigHolder h = holder();
        h.start();
        scheduler.runDue();
        assertEquals(1, fetchTimes.size());
        Instant end = clock.instant().plus(Duration.ofHours(2));
        while (clock.instant().isBefore(end)) {
            IceConfig c = h.current().orElseThrow();
            assertEquals(2, c.turnServers().size(), "TURN credentials valid at every moment (" + clock.instant() + ")");
            scheduler.advance(Duration.ofSeconds(5));
        }
        for (int i = 1; i < fetchTimes.size(); i++) {
            Duration gap = Duration.between(fetchTimes.get(i - 1), fetchTimes.get(i));
            // due at minTtl - grace = 270 s, minus up to 10 % jitter
            assertTrue(gap.compareTo(Duration.ofSeconds(243)) >= 0 && gap.compareTo(Duration.ofSeconds(270)) <= 0,
                    "refresh " + i + " after " + gap);
        }
        assertTrue(fetchTimes.size() >= 26, "about 7200/270 refreshes, got " + fetchTimes.size());
    }

    @Test
    void keepsThePreviousConfigDuringAnOutageAndRetriesWithBackoff() {
        IceConfigHolder h = holder();
        h.start();
        scheduler.runDue();
        String firstUser = h.current().orElseThrow().turnServers().get(0).username();
        Instant due = h.nextRefreshAt();
        assertNotNull(due);
        failNext.set(4);
        scheduler.advance(Duration.between(clock.instant(), due));
        // the refresh failed: the old (still valid) config is served, retries follow
        assertEquals(firstUser, h.current().orElseThrow().turnServers().get(0).username());
        scheduler.advance(Duration.ofSeconds(25));
        assertEquals(6, fetchTimes.size(), "4 failed retries within 25 s then success: " + fetchTimes);
        assertFalse(h.current().orElseThrow().turnServers().get(0).username().equals(firstUser), "new credentials in use");
        for (int i = 2; i < fetchTimes.size(); i++) {
            assertTrue(Duration.between(fetchTimes.get(i - 1), fetchTimes.get(i)).toMillis() >= 500, "never a hot loop");
        }
        assertEquals(4, h.failureCount());
    }

    @Test
    void anExpiredConfigIsNotServedButStunIs() {
        IceConfigHolder h = holder();
        h.start();
        scheduler.runDue();
        failNext.set(1000);
        scheduler.advance(Duration.ofSeconds(301));
        IceConfig c = h.current().orElseThrow();
        assertEquals(1, c.turnServers().size(), "the 300 s server lapsed, the 360 s one is still valid");
        scheduler.advance(Duration.ofSeconds(60));
        c = h.current().orElseThrow();
        assertEquals(0, c.turnServers().size());
        assertEquals("stun:stun.kinesisvideo.us-west-2.amazonaws.com:443", c.servers().get(0).uris().get(0));
    }

    @Test
    void reconnectIceServerRefreshesAtOnceAndReschedules() {
        IceConfigHolder h = holder();
        h.start();
        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(100));
        h.refreshNow("RECONNECT_ICE_SERVER");
        scheduler.runDue();
        assertEquals(2, fetchTimes.size());
        assertEquals(clock.instant(), fetchTimes.get(1));
        Instant next = h.nextRefreshAt();
        assertTrue(!next.isBefore(clock.instant().plusSeconds(243)), "rescheduled from the new fetch: " + next);
    }

    @Test
    void currentNeverBlocksAndIsEmptyOnlyBeforeTheFirstFetch() {
        IceConfigHolder h = holder();
        assertTrue(h.current().isEmpty());
        h.start();
        scheduler.runDue();
        assertTrue(h.current().isPresent());
        assertTrue(h.hasValid(Duration.ofSeconds(30)));
    }
}
