package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers for tests on real child processes, which no fake clock can advance: poll against a deadline. */
final class RealProcesses {
    private RealProcesses() {
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    /** Live processes with {@code arg} among their arguments (tests mark their sleeps with odd durations). */
    static List<ProcessHandle> withArgument(String arg) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(arg)).orElse(false))
                .toList();
    }
}
