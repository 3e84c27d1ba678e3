package com.kvscamera.agent.device;

import java.util.function.Consumer;

/** One GPIO input line, by electrical level. */
public interface InputLine {
    boolean high();

    /** {@code listener} may be called on a GPIO library thread; it must hand off quickly. */
    void onChange(Consumer<Boolean> listener);
}
