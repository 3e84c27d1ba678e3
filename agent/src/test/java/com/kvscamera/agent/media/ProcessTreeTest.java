package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Process groups as the capture supervisor sees them, on real processes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessTreeTest {

    @Test
    void aCommandStartedInItsOwnGroupLeadsIt() throws Exception {
        Process p = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sleep", "30"))).start();
        try {
            assertEquals(p.pid(), awaitGroup(p.pid(), p.pid()),
                    "setsid execs in place: the command's pid is the group's id");
            assertNotEquals(ProcessTree.processGroup(ProcessHandle.current().pid()), p.pid());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void theGroupIsReadEvenWhenTheCommandNameHoldsParenthesesAndSpaces(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("a) (b c");
        Files.copy(Path.of("/bin/sleep"), odd, StandardCopyOption.COPY_ATTRIBUTES);
        Process p = new ProcessBuilder(odd.toString(), "30").start();
        try {
            awaitExec(p.pid(), "a) (b c");
            assertEquals(ProcessTree.processGroup(ProcessHandle.current().pid()), ProcessTree.processGroup(p.pid()),
                    "started without setsid, it stays in our group");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aChildThatWasReparentedIsStillAMemberThroughItsGroup() throws Exception {
        String marker = "1234.75";
        // the subshell exits at once: the sleep is re-parented and never a descendant of the command
        Process p = new ProcessBuilder(ProcessTree.inOwnGroup(
                List.of("sh", "-c", "(sleep " + marker + " &); exec sleep 30"))).start();
        try {
            ProcessHandle orphan = awaitProcess(marker);
            assertTrue(p.descendants().noneMatch(orphan::equals), "not a descendant any more");
            assertTrue(ProcessTree.members(p.toHandle(), List.of()).contains(orphan), "but a member of the group");
            ProcessTree.kill(ProcessTree.members(p.toHandle(), List.of()));
            assertTrue(orphan.onExit().get(5, TimeUnit.SECONDS) != null && !orphan.isAlive());
        } finally {
            p.destroyForcibly().waitFor();
            ProcessHandle.allProcesses().filter(h -> hasArgument(h, marker)).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void processesThatAreGoneHaveNoGroup() {
        assertEquals(-1, ProcessTree.processGroup(Long.MAX_VALUE));
    }

    /** Polls: between fork and setsid (or exec) the child is briefly something else. */
    private static long awaitGroup(long pid, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long group = ProcessTree.processGroup(pid);
        while (group != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            group = ProcessTree.processGroup(pid);
        }
        return group;
    }

    private static void awaitExec(long pid, String comm) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        while (!Files.readString(stat).contains("(" + comm + ")")) {
            assertTrue(System.nanoTime() < deadline, "the child never ran " + comm);
            Thread.sleep(10);
        }
    }

    private static ProcessHandle awaitProcess(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            var found = ProcessHandle.allProcesses().filter(h -> hasArgument(h, marker)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no process with argument " + marker);
    }

    private static boolean hasArgument(ProcessHandle h, String arg) {
        return h.info().arguments().map(a -> List.of(a).contains(arg)).orElse(false);
    }
}
