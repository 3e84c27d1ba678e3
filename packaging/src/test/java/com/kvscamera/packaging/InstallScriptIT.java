package com.kvscamera.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** systemd/install.sh (images built without dpkg): the package's layout, idempotent, config never overwritten. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InstallScriptIT {
    @TempDir
    Path tmp;

    @Test
    void installsThePackagesLayoutTwice() throws Exception {
        Path jar = DebPackageIT.REPO.resolve("agent/target/kvs-camera-agent.jar");
        String script = DebPackageIT.REPO.resolve("systemd/install.sh").toString();

        FakeRoot byScript = new FakeRoot(tmp.resolve("script"), DebPackageIT.GROUPS);
        byScript.sh.run(script, "--jar", jar.toString(), "--root", byScript.root.toString()).ok();
        DebPackageIT.checkInstalled(byScript);
        Files.writeString(byScript.root.resolve("etc/kvs-camera-agent/agent.yaml"), "# mine\n");
        String passwd = byScript.read("etc/passwd");
        String group = byScript.read("etc/group");
        byScript.sh.run(script, "--jar", jar.toString(), "--root", byScript.root.toString()).ok();
        DebPackageIT.checkInstalled(byScript);
        assertEquals("# mine\n", byScript.read("etc/kvs-camera-agent/agent.yaml"));
        assertEquals(passwd, byScript.read("etc/passwd"), "second run changes no account");
        assertEquals(group, byScript.read("etc/group"));

        FakeRoot byDpkg = new FakeRoot(tmp.resolve("dpkg"), DebPackageIT.GROUPS);
        byDpkg.dpkg("--force-depends", "-i", DebPackageIT.DEB.toString()).ok();
        assertEquals(byDpkg.tree(), byScript.tree(), "same files as the Debian package");
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        String script = DebPackageIT.REPO.resolve("systemd/install.sh").toString();
        Sh.Result r = Sh.exec(java.util.List.of(script, "--root", tmp.toString()), Map.of());
        assertNotEquals(0, r.code());
        assertEquals("install.sh: --jar is required\n", r.err());
        r = Sh.exec(java.util.List.of(script, "--jar", tmp.resolve("nope.jar").toString()), Map.of());
        assertTrue(r.err().contains("--jar '" + tmp.resolve("nope.jar") + "' is not a file"), r.err());
    }
}
