package com.kvscamera.agent.log;

import java.util.logging.LogManager;

/**
 * java.util.logging's own shutdown hook resets the LogManager, which removes every handler while the agent's
 * shutdown hook is still stopping sessions and capture: the lines saying what was stopped would be lost. This
 * manager ignores that one reset; every other reset (e.g. {@link Logging#install}) behaves as usual.
 * Selected by {@link Logging#keepHandlersAtShutdown()}.
 */
public final class ShutdownSafeLogManager extends LogManager {
    static final String CLEANER_THREAD_CLASS = "java.util.logging.LogManager$Cleaner";

    @Override
    public void reset() {
        if (CLEANER_THREAD_CLASS.equals(Thread.currentThread().getClass().getName())) {
            return;
        }
        super.reset();
    }
}
