package com.kvscamera.agent.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Candidates that precede their offer: kept per client for 20 s on an injected clock, bounded. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CandidateBufferTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static Inbound.Candidate cand(String client, int n) {
        return new Inbound.Candidate(client, "candidate:" + n + " 1 udp 1 10.0.0.1 " + (5000 + n) + " typ host", "0", 0);
    }

    @Test
    void heldPerClientInOrderAndReleasedOnce() {
        CandidateBuffer b = new CandidateBuffer(Duration.ofSeconds(20), clock);
        b.hold(cand("a", 1));
        b.hold(cand("b", 2));
        b.hold(cand("a", 3));
        assertEquals(List.of(cand("a", 1), cand("a", 3)), b.release("a"));
        assertTrue(b.release("a").isEmpty(), "released once");
        assertEquals(1, b.size());
    }

    @Test
    void candidatesOlderThanTwentySecondsAreDropped() {
        CandidateBuffer b = new CandidateBuffer(Duration.ofSeconds(20), clock);
        b.hold(cand("a", 1));
        clock.advance(Duration.ofSeconds(15));
        b.hold(cand("a", 2));
        clock.advance(Duration.ofSeconds(6));
        assertEquals(List.of(cand("a", 2)), b.release("a"), "the first is 21 s old");
        b.hold(cand("z", 9));
        clock.advance(Duration.ofSeconds(21));
        assertEquals(0, b.size() > 0 ? b.release("z").size() : 0);
    }

    @Test
    void boundedInClientsAndPerClient() {
        CandidateBuffer b = new CandidateBuffer(Duration.ofSeconds(20), clock);
        for (int i = 0; i < CandidateBuffer.MAX_PER_CLIENT + 10; i++) {
            b.hold(cand("flood", i));
        }
        List<Inbound.Candidate> kept = b.release("flood");
        assertEquals(CandidateBuffer.MAX_PER_CLIENT, kept.size());
        assertEquals(cand("flood", 10), kept.get(0), "the oldest went first");
        for (int c = 0; c < CandidateBuffer.MAX_CLIENTS + 5; c++) {
            b.hold(cand("c" + c, c));
        }
        assertEquals(CandidateBuffer.MAX_CLIENTS, b.size());
        assertTrue(b.release("c0").isEmpty(), "the oldest client was evicted");
    }
}
