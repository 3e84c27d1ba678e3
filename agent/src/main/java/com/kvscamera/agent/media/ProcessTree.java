package com.kvscamera.agent.media;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stops a process and everything it started. Children are collected while their parent still lives: once it has
 * exited they are re-parented and {@link ProcessHandle#descendants()} no longer finds them, so callers also pass
 * the descendants they saw earlier.
 */
final class ProcessTree {
    private ProcessTree() {}

    /** The process, its current descendants and the earlier-seen ones still alive. */
    static Set<ProcessHandle> members(ProcessHandle root, Collection<ProcessHandle> seenBefore) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        root.descendants().forEach(all::add);
        all.addAll(seenBefore);
        all.add(root);
        all.removeIf(p -> !p.isAlive());
        return all;
    }

    /** SIGTERM to every member; returns at once. */
    static void terminate(Collection<ProcessHandle> members) {
        members.forEach(ProcessHandle::destroy);
    }

    /** SIGKILL to the members still alive; returns how many there were. */
    static int kill(Collection<ProcessHandle> members) {
        int n = 0;
        for (ProcessHandle p : members) {
            if (p.isAlive()) {
                p.destroyForcibly();
                n++;
            }
        }
        return n;
    }
}
