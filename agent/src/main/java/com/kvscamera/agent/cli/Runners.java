package com.kvscamera.agent.cli;

import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the implementation of a command that later code plugs in (by its interface's service name). */
final class Runners {
    /** How {@link Cli} finds an implementation. */
    interface Lookup {
        <T> Optional<T> find(Class<T> type);
    }

    private Runners() {
    }

    static <T> Optional<T> find(Class<T> type) {
        return ServiceLoader.load(type, Runners.class.getClassLoader()).findFirst();
    }
}
