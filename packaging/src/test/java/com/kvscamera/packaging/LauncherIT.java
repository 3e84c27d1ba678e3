package com.kvscamera.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * systemd/run-agent.sh, the unit's ExecStart: the first start makes the class-data archive in the cache directory
 * (written when the JVM exits), later starts map the agent's classes from it, and a new jar or JVM makes a new one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {
    static final Path LAUNCHER = DebPackageIT.REPO.resolve("systemd/run-agent.sh");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir Path tmp;

    private Sh.Result start(Path jar, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString(),
                "-Xlog:class+load=info:file=" + tmp.resolve("classes.log"), "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        java.util.HashMap<String, String> e = new java.util.HashMap<>(env);
        e.put("JAVA", JAVA);
        return Sh.exec(cmd, e);
    }

    /** How the agent's own CLI class was loaded in the last start: from the archive or from the jar. */
    private String cliSource() throws Exception {
        return Files.readAllLines(tmp.resolve("classes.log")).stream()
                .filter(l -> l.contains(" com.kvscamera.agent.cli.")).findFirst().orElseThrow();
    }

    private Path jarCopy() throws Exception {
        Path jar = tmp.resolve("kvs-camera-agent.jar");
        Files.copy(DebPackageIT.REPO.resolve("agent/target/kvs-camera-agent.jar"), jar,
                StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }

    @Test
    void theFirstStartMakesTheArchiveAndTheNextOneUsesIt() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Path jar = jarCopy();
        Map<String, String> env = Map.of("CACHE_DIRECTORY", cache.toString());

        Sh.Result first = start(jar, env, "version").ok();
        assertTrue(first.out().startsWith("kvs-camera-agent "), first.out());
        assertEquals(1, first.out().lines().count(), "the dump writes nothing to the journal: " + first.out());
        assertEquals("", first.err(), "the dump writes nothing to the journal");
        assertTrue(Files.size(cache.resolve("agent.jsa")) > 0, "archive written at exit");
        assertFalse(cliSource().contains("shared objects file"), cliSource());

        start(jar, env, "version").ok();
        assertTrue(cliSource().contains("source: shared objects file (top)"), cliSource());

        // an upgraded jar (new size or time): the old archive is dropped and a new one made
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Sh.Result third = start(jar, env, "version").ok();
        assertEquals("", third.err());
        assertFalse(cliSource().contains("shared objects file"), "the stale archive is not used: " + cliSource());
        start(jar, env, "version").ok();
        assertTrue(cliSource().contains("source: shared objects file (top)"), cliSource());
    }

    @Test
    void theExitCodeIsTheAgentsOwn() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Path config = Files.writeString(tmp.resolve("agent.yaml"), "aws:\n  regoin: us-west-2\n");
        Sh.Result r = start(jarCopy(), Map.of("CACHE_DIRECTORY", cache.toString()), "check-config", "--config",
                config.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("aws.regoin: unknown key"), r.out() + r.err());
    }

    @Test
    void withoutACacheDirectoryTheAgentStartsAsUsual() throws Exception {
        Path jar = jarCopy();
        Sh.Result r = start(jar, Map.of("CACHE_DIRECTORY", tmp.resolve("missing").toString()), "version").ok();
        assertTrue(r.out().startsWith("kvs-camera-agent "), r.out());
        assertFalse(cliSource().contains("shared objects file (top)"), cliSource());
        assertFalse(Files.exists(tmp.resolve("missing")), "nothing is created outside the cache directory");
    }
}
