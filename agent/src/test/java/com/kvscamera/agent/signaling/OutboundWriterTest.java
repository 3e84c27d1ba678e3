package com.kvscamera.agent.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.ManualClock;
import com.kvscamera.agent.kvs.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pacing to the per-connection quotas with an injected clock: queued, never dropped, never reordered per client. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutboundWriterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> wire = new ArrayList<>();
    private final List<Instant> at = new ArrayList<>();

    private boolean send(String frame) {
        wire.add(frame);
        at.add(clock.instant());
        return true;
    }

    @Test
    void answersArePacedToFivePerSecondAndAllArrive() {
        OutboundWriter w = new OutboundWriter(5, 20, clock, scheduler);
        w.attach(this::send);
        for (int i = 0; i < 23; i++) {
            w.enqueue(new OutboundWriter.Outgoing(true, "c" + i, "answer-" + i));
        }
        assertEquals(5, wire.size(), "a burst of one second's worth goes at once");
        scheduler.advance(Duration.ofMillis(999));
        assertTrue(wire.size() <= 10, "at most 5 more in the next second, got " + wire.size());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(23, wire.size(), "queued, not dropped");
        for (int i = 0; i < 23; i++) {
            assertEquals("answer-" + i, wire.get(i), "FIFO");
        }
        assertWindowRate(5);
    }

    @Test
    void candidatesArePacedToTwentyPerSecond() {
        OutboundWriter w = new OutboundWriter(5, 20, clock, scheduler);
        w.attach(this::send);
        for (int i = 0; i < 100; i++) {
            w.enqueue(new OutboundWriter.Outgoing(false, "c" + (i % 3), "cand-" + i));
        }
        assertEquals(20, wire.size());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(100, wire.size());
        assertWindowRate(20);
        assertEquals(100, w.sentCandidates());
    }

    @Test
    void aClientsCandidatesWaitForItsAnswer() {
        OutboundWriter w = new OutboundWriter(1, 20, clock, scheduler);
        w.attach(this::send);
        w.enqueue(new OutboundWriter.Outgoing(true, "a", "answer-a"));
        w.enqueue(new OutboundWriter.Outgoing(true, "b", "answer-b"));
        w.enqueue(new OutboundWriter.Outgoing(false, "b", "cand-b"));
        w.enqueue(new OutboundWriter.Outgoing(false, "a", "cand-a"));
        assertEquals(List.of("answer-a", "cand-a"), wire, "b's candidate must not overtake b's answer");
        scheduler.advance(Duration.ofMillis(1200));
        assertEquals(List.of("answer-a", "cand-a", "answer-b", "cand-b"), wire);
    }

    @Test
    void withoutSocketMessagesWaitAndGoToTheNextSocket() {
        OutboundWriter w = new OutboundWriter(5, 20, clock, scheduler);
        List<String> old = new ArrayList<>();
        w.attach(f -> old.add(f));
        w.detach();
        w.enqueue(new OutboundWriter.Outgoing(true, "v", "answer-v"));
        scheduler.advance(Duration.ofSeconds(3));
        assertTrue(old.isEmpty());
        assertEquals(1, w.pending());
        w.attach(this::send);
        assertEquals(List.of("answer-v"), wire);
        assertEquals(0, w.pending());
    }

    @Test
    void aFailedWriteKeepsTheMessage() {
        OutboundWriter w = new OutboundWriter(5, 20, clock, scheduler);
        w.attach(f -> false);
        w.enqueue(new OutboundWriter.Outgoing(true, "v", "answer-v"));
        assertEquals(1, w.pending());
        w.attach(this::send);
        assertEquals(List.of("answer-v"), wire);
    }

    @Test
    void aThrottledAnswerIsSentAgainFirstInLine() {
        OutboundWriter w = new OutboundWriter(5, 20, clock, scheduler);
        w.attach(this::send);
        w.enqueue(new OutboundWriter.Outgoing(true, "v", "answer-v", "ans-1-v", 0));
        w.enqueue(new OutboundWriter.Outgoing(false, "v", "cand-v"));
        assertEquals(List.of("answer-v", "cand-v"), wire);
        assertTrue(w.resendThrottled("ans-1-v"));
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of("answer-v", "cand-v", "answer-v"), wire);
        assertTrue(w.resendThrottled("ans-1-v"));
        scheduler.advance(Duration.ofSeconds(2));
        assertTrue(!w.resendThrottled("ans-1-v"), "bounded: at most " + OutboundWriter.MAX_RESENDS + " resends");
        assertTrue(!w.resendThrottled("unknown"));
    }

    /** In every one-second window no more than {@code rate} + burst-carryover frames went out. */
    private void assertWindowRate(int rate) {
        for (int i = 0; i < at.size(); i++) {
            Instant start = at.get(i);
            long inWindow = at.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(1))).count();
            assertTrue(inWindow <= rate, inWindow + " frames within 1 s from " + start);
        }
    }
}
