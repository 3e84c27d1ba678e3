package com.kvscamera.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build produced: its metadata and contents (dpkg-deb), then a real install, reinstall and purge with
 * dpkg into a throwaway root (--root with chrootless maintainer scripts, so the postinst and postrm really run).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DebPackageIT {
    static final Path DEB = Path.of(System.getProperty("deb.file"));
    static final Path REPO = Path.of(System.getProperty("repo.root"));
    static final String GROUPS = "root:x:0:\nvideo:x:44:\nnogroup:x:65534:\n";

    @TempDir
    Path tmp;

    private static String version() {
        String name = DEB.getFileName().toString();
        return name.substring("kvs-camera-agent_".length(), name.length() - "_all.deb".length());
    }

    @Test
    void controlFields() throws Exception {
        assertTrue(DEB.getFileName().toString().matches("kvs-camera-agent_[0-9][0-9A-Za-z.+~-]*_all\\.deb"), DEB.toString());
        String f = Sh.exec(List.of("dpkg-deb", "-f", DEB.toString(), "Package", "Version", "Architecture", "Depends"),
                Map.of()).ok().out();
        assertEquals("Package: kvs-camera-agent\nVersion: " + version() + "\nArchitecture: all\n"
                + "Depends: openjdk-17-jre-headless, passwd\n", f);
        assertEquals("/etc/kvs-camera-agent/agent.yaml\n",
                Sh.exec(List.of("dpkg-deb", "-I", DEB.toString(), "conffiles"), Map.of()).ok().out());
    }

    @Test
    void contentsOwnersAndModes() throws Exception {
        Map<String, String> entries = new TreeMap<>();
        for (String line : Sh.exec(List.of("dpkg-deb", "-c", DEB.toString()), Map.of()).ok().out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            entries.put(f[5], f[0] + " " + f[1]);
        }
        assertEquals("-rw-r--r-- root/root", entries.get("./usr/share/kvs-camera-agent/kvs-camera-agent.jar"));
        assertEquals("-rwxr-xr-x root/root", entries.get("./usr/share/kvs-camera-agent/accounts.sh"));
        assertEquals("-rwxr-xr-x root/root", entries.get("./usr/share/kvs-camera-agent/run-agent.sh"));
        assertEquals("-rw-r--r-- root/root", entries.get("./lib/systemd/system/kvs-camera-agent.service"));
        assertEquals("drwxr-x--- root/root", entries.get("./etc/kvs-camera-agent/"));
        assertEquals("-rw-r----- root/root", entries.get("./etc/kvs-camera-agent/agent.yaml"));
        for (String doc : new String[] {"README.md", "raspberry-pi.md", "copyright"}) {
            assertEquals("-rw-r--r-- root/root", entries.get("./usr/share/doc/kvs-camera-agent/" + doc), doc);
        }
        List<String> files = entries.keySet().stream().filter(k -> !k.endsWith("/")).toList();
        assertEquals(8, files.size(), files.toString());
    }

    @Test
    void maintainerScriptsNeverEnableOrStartTheService() throws Exception {
        Path ctl = tmp.resolve("control");
        Sh.exec(List.of("dpkg-deb", "-e", DEB.toString(), ctl.toString()), Map.of()).ok();
        for (String script : new String[] {"postinst", "prerm", "postrm"}) {
            String text = Files.readString(ctl.resolve(script));
            for (String forbidden : new String[] {"systemctl enable", "systemctl start", "systemctl restart",
                    "deb-systemd-invoke start", "--now"}) {
                assertFalse(text.contains(forbidden), script + " contains " + forbidden);
            }
        }
    }

    @Test
    void installReinstallAndPurgeInAThrowawayRoot() throws Exception {
        byte[] hostPasswd = Files.readAllBytes(Path.of("/etc/passwd"));
        FakeRoot r = new FakeRoot(tmp.resolve("root"), GROUPS);
        Map<String, String> before = r.tree();

        r.dpkg("--force-depends", "-i", DEB.toString()).ok();
        checkInstalled(r);
        assertEquals("gpio:x:" + r.field("etc/group", "gpio", 2) + ":kvs-camera-agent",
                grepLine(r.read("etc/group"), "gpio:"), "gpio created (plain Debian has none) with the user in it");
        installedAgentRuns(r);
        String status = r.sh.run("dpkg", "--root=" + r.root, "-s", "kvs-camera-agent").ok().out();
        assertTrue(status.contains("Status: install ok installed"), status);
        assertTrue(status.contains("Conffiles:\n /etc/kvs-camera-agent/agent.yaml "), status);

        // reinstall (upgrade path): still one account, same ids, the operator's config kept
        String uid = r.field("etc/passwd", "kvs-camera-agent", 2);
        Files.writeString(r.root.resolve("etc/kvs-camera-agent/agent.yaml"), "# edited by the operator\n");
        r.dpkg("--force-depends", "-i", DEB.toString()).ok();
        checkInstalled(r);
        assertEquals(uid, r.field("etc/passwd", "kvs-camera-agent", 2));
        assertEquals(1, count(r.read("etc/passwd"), "kvs-camera-agent:"));
        assertEquals("# edited by the operator\n", r.read("etc/kvs-camera-agent/agent.yaml"));

        r.dpkg("--purge", "kvs-camera-agent").ok();
        for (Map.Entry<String, String> e : r.seeded.entrySet()) {
            assertEquals(e.getValue(), r.read(e.getKey()), e.getKey() + " as before the install");
        }
        assertEquals(before, r.tree(), "purge leaves exactly the files that were there before");
        assertEquals("", r.sh.run("dpkg", "--root=" + r.root, "-l").out().lines()
                .filter(l -> l.contains("kvs-camera-agent")).reduce("", String::concat));
        assertTrue(java.util.Arrays.equals(hostPasswd, Files.readAllBytes(Path.of("/etc/passwd"))),
                "the host's accounts are untouched");
    }

    @Test
    void anExistingGpioGroupIsUsedAndKept() throws Exception {
        FakeRoot r = new FakeRoot(tmp.resolve("root"), GROUPS + "gpio:x:997:pi\n");
        r.dpkg("--force-depends", "-i", DEB.toString()).ok();
        assertEquals("gpio:x:997:pi,kvs-camera-agent", grepLine(r.read("etc/group"), "gpio:"));
        assertFalse(Files.exists(r.root.resolve("var/lib/kvs-camera-agent/.created-gpio-group")));
        r.dpkg("--purge", "kvs-camera-agent").ok();
        assertEquals("gpio:x:997:pi", grepLine(r.read("etc/group"), "gpio:"));
    }

    /** What an install (by dpkg or by install.sh) must leave: files, owners, modes and the account. */
    static void checkInstalled(FakeRoot r) throws Exception {
        String uid = r.field("etc/passwd", "kvs-camera-agent", 2);
        String gid = r.field("etc/group", "kvs-camera-agent", 2);
        assertEquals(gid, r.field("etc/passwd", "kvs-camera-agent", 3), "primary group");
        assertTrue(Integer.parseInt(uid) < 1000 && Integer.parseInt(gid) < 1000, "system ids: " + uid + "/" + gid);
        assertEquals("/var/lib/kvs-camera-agent", r.field("etc/passwd", "kvs-camera-agent", 5));
        assertEquals("/usr/sbin/nologin", r.field("etc/passwd", "kvs-camera-agent", 6));
        assertTrue(List.of(r.field("etc/group", "video", 3).split(",")).contains("kvs-camera-agent"));
        assertTrue(List.of(r.field("etc/group", "gpio", 3).split(",")).contains("kvs-camera-agent"));
        Map<String, String> st = r.stat("usr/share/kvs-camera-agent/kvs-camera-agent.jar",
                "usr/share/kvs-camera-agent/accounts.sh", "usr/share/kvs-camera-agent/run-agent.sh",
                "lib/systemd/system/kvs-camera-agent.service", "etc/kvs-camera-agent", "etc/kvs-camera-agent/agent.yaml",
                "var/lib/kvs-camera-agent", "usr/share/doc/kvs-camera-agent/README.md");
        Map<String, String> want = new TreeMap<>(Map.of(
                "usr/share/kvs-camera-agent/kvs-camera-agent.jar", "644 0 0",
                "usr/share/kvs-camera-agent/accounts.sh", "755 0 0",
                "usr/share/kvs-camera-agent/run-agent.sh", "755 0 0",
                "lib/systemd/system/kvs-camera-agent.service", "644 0 0",
                "etc/kvs-camera-agent", "750 0 " + gid,
                "etc/kvs-camera-agent/agent.yaml", "640 0 " + gid,
                "var/lib/kvs-camera-agent", "700 " + uid + " " + gid,
                "usr/share/doc/kvs-camera-agent/README.md", "644 0 0"));
        assertEquals(want, st);
        assertEquals(Files.size(REPO.resolve("agent/target/kvs-camera-agent.jar")),
                Files.size(r.root.resolve("usr/share/kvs-camera-agent/kvs-camera-agent.jar")));
        assertEquals(Files.readString(REPO.resolve("systemd/kvs-camera-agent.service")),
                r.read("lib/systemd/system/kvs-camera-agent.service"));
    }

    /**
     * The installed jar starts, and the installed conffile is a valid configuration: check-config objects only to
     * the device's own certificate files, which an operator copies in (docs/raspberry-pi.md).
     */
    static void installedAgentRuns(FakeRoot r) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = r.root.resolve("usr/share/kvs-camera-agent/kvs-camera-agent.jar").toString();
        assertEquals("kvs-camera-agent " + version() + "\n",
                Sh.exec(List.of(java, "-jar", jar, "version"), Map.of()).ok().out());
        Sh.Result check = Sh.exec(List.of(java, "-jar", jar, "check-config", "--config",
                r.root.resolve("etc/kvs-camera-agent/agent.yaml").toString()), Map.of());
        assertEquals(2, check.code(), check.out() + check.err());
        assertEquals(List.of(
                "aws.credentials.iot.certificate: file not found: /etc/kvs-camera-agent/iot/certificate.pem.crt",
                "aws.credentials.iot.privateKey: file not found: /etc/kvs-camera-agent/iot/private.pem.key",
                "aws.credentials.iot.caCertificate: file not found: /etc/kvs-camera-agent/iot/AmazonRootCA1.pem"),
                (check.out() + check.err()).lines().filter(l -> !l.isBlank()).toList());
    }

    static String grepLine(String text, String start) {
        List<String> hits = new ArrayList<>();
        for (String l : text.split("\n")) if (l.startsWith(start)) hits.add(l);
        assertEquals(1, hits.size(), hits.toString());
        return hits.get(0);
    }

    static long count(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).count();
    }
}
