package com.kvscamera.agent.media;

/**
 * A monotonic nanosecond source. Injected everywhere media code needs "now" so tests can advance time
 * without sleeping; {@link #system()} is {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
