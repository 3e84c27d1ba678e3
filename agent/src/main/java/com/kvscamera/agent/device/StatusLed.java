package com.kvscamera.agent.device;

import com.kvscamera.agent.media.Scheduler;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the status LED through the steps of a {@link LedPattern}. Every method runs on the device executor (the
 * {@code scheduler} given here), which alone owns the current pattern and step.
 */
final class StatusLed {
    private static final Logger LOG = Logger.getLogger(StatusLed.class.getName());

    private final OutputLine line;
    private final boolean activeLow;
    private final Scheduler scheduler;
    private LedPattern pattern;
    private int step;
    private Scheduler.Scheduled next;

    StatusLed(OutputLine line, boolean activeLow, Scheduler scheduler) {
        this.line = Objects.requireNonNull(line, "line");
        this.activeLow = activeLow;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Switches to {@code p} from its first step; showing the current pattern again changes nothing. */
    void show(LedPattern p) {
        if (p == pattern) {
            return;
        }
        pattern = p;
        step = 0;
        if (next != null) {
            next.cancel();
            next = null;
        }
        apply();
    }

    LedPattern pattern() {
        return pattern;
    }

    private void apply() {
        LedPattern.Step s = pattern.steps().get(step);
        try {
            line.set(s.lit() != activeLow);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status LED could not be set", e);
        }
        if (!pattern.steady()) {
            LedPattern shown = pattern;
            next = scheduler.schedule(s.duration(), () -> advance(shown));
        }
    }

    private void advance(LedPattern shown) {
        if (shown != pattern) {
            return; // a late step of a pattern that was replaced
        }
        step = (step + 1) % pattern.steps().size();
        apply();
    }
}
