package com.kvscamera.agent.media;

import static com.kvscamera.agent.media.RealProcesses.await;
import static com.kvscamera.agent.media.RealProcesses.withArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
            // between fork and setsid the child is briefly still in our group
            await("the command to lead its group", Duration.ofSeconds(5),
                    () -> ProcessTree.processGroup(p.pid()) == p.pid());
            assertEquals(p.pid(), ProcessTree.processGroup(p.pid()),
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
            Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
            await("the child to run a) (b c", Duration.ofSeconds(5),
                    () -> readOrEmpty(stat).contains("(a) (b c)"));
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
            await("the orphan to start", Duration.ofSeconds(5), () -> !withArgument(marker).isEmpty());
            ProcessHandle orphan = withArgument(marker).get(0);
            assertTrue(p.descendants().noneMatch(orphan::equals), "not a descendant any more");
            assertTrue(ProcessTree.members(p.toHandle(), List.of()).contains(orphan), "but a member of the group");
            ProcessTree.kill(ProcessTree.members(p.toHandle(), List.of()));
            assertTrue(orphan.onExit().get(5, TimeUnit.SECONDS) != null && !orphan.isAlive());
        } finally {
            p.destroyForcibly().waitFor();
            withArgument(marker).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void processesThatAreGoneHaveNoGroup() {
        assertEquals(-1, ProcessTree.processGroup(Long.MAX_VALUE));
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
