package com.kvscamera.agent.device;

import java.time.Duration;
import java.util.List;

/** What the status LED shows; each pattern is a loop of (lit, duration) steps, or one step held forever. */
public enum LedPattern {
    /** The agent is stopped. */
    OFF(step(false, 0)),
    /** Signaling is connecting or reconnecting: 1 s on, 1 s off. */
    SLOW_BLINK(step(true, 1000), step(false, 1000)),
    /** Connected as master, nobody watching. */
    ON(step(true, 0)),
    /** Streaming to at least one viewer: 4 Hz. */
    FAST_BLINK(step(true, 125), step(false, 125)),
    /** Privacy on: two short flashes every 2 s. */
    DOUBLE_BLINK(step(true, 150), step(false, 150), step(true, 150), step(false, 1550));

    /** @param duration zero for the single step of a steady pattern */
    public record Step(boolean lit, Duration duration) {
    }

    private final List<Step> steps;

    LedPattern(Step... steps) {
        this.steps = List.of(steps);
    }

    private static Step step(boolean lit, long millis) {
        return new Step(lit, Duration.ofMillis(millis));
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean steady() {
        return steps.size() == 1;
    }
}
