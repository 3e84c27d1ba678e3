package com.kvscamera.agent.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stops a process and everything it started. The command runs as the leader of its own process group (see
 * {@link #inOwnGroup}), so a child that was re-parented after its parent exited, and that {@link
 * ProcessHandle#descendants()} no longer finds, is still found by its group. Callers also pass the descendants they
 * saw earlier, for children that moved to a group of their own.
 */
final class ProcessTree {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ProcessTree() {}

    /**
     * The command, started through util-linux {@code setsid} when the system has it: the command keeps its pid (setsid
     * execs in place; {@code -w} only matters if it had to fork) and becomes the leader of a new process group.
     */
    static List<String> inOwnGroup(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> wrapped = new java.util.ArrayList<>(List.of(SETSID.toString(), "-w"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The process, its current descendants, the earlier-seen ones and the rest of its process group still alive. */
    static Set<ProcessHandle> members(ProcessHandle root, Collection<ProcessHandle> seenBefore) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        root.descendants().forEach(all::add);
        all.addAll(seenBefore);
        all.addAll(group(root.pid()));
        all.add(root);
        all.removeIf(p -> !p.isAlive());
        return all;
    }

    /** Live processes whose process group is {@code pgid}, read from /proc (empty where there is none). */
    static Set<ProcessHandle> group(long pgid) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(p -> {
            if (p.pid() != self && processGroup(p.pid()) == pgid) {
                members.add(p);
            }
        });
        return members;
    }

    /** Field 5 of /proc/PID/stat; -1 when the process is gone or unreadable. */
    static long processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
            return Long.parseLong(f[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
