package com.kvscamera.agent.device;

import com.kvscamera.agent.media.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Debounces the privacy switch: a level counts once it has held for {@code debounce}. Done here rather than left to
 * Pi4J because its providers differ (the gpiod provider filters edges on its event thread, the mock platform not at
 * all); here it behaves the same everywhere and is tested with an injected scheduler. Runs on the device executor.
 */
final class PrivacySwitch {
    private final boolean activeLow;
    private final Duration debounce;
    private final Scheduler scheduler;
    private final Consumer<Boolean> onChange;
    private boolean accepted;
    private boolean lastLevel;
    private Scheduler.Scheduled pending;

    /**
     * @param initialLevel the line's level at start; it counts at once (a switch that is on at boot means privacy)
     * @param onChange called with the new privacy state after each debounced change
     */
    PrivacySwitch(boolean initialLevel, boolean activeLow, Duration debounce, Scheduler scheduler,
                  Consumer<Boolean> onChange) {
        this.activeLow = activeLow;
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.lastLevel = initialLevel;
        this.accepted = initialLevel != activeLow;
    }

    boolean on() {
        return accepted;
    }

    /** A raw edge from the line; bounces restart the debounce window. */
    void level(boolean high) {
        lastLevel = high;
        if (pending != null) {
            pending.cancel();
        }
        pending = scheduler.schedule(debounce, this::settle);
    }

    private void settle() {
        pending = null;
        boolean on = lastLevel != activeLow;
        if (on != accepted) {
            accepted = on;
            onChange.accept(on);
        }
    }
}
