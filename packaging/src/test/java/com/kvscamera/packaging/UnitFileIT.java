package com.kvscamera.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The unit as systemd itself reads it (systemd is installed on the build machines and by scripts/test.sh). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnitFileIT {
    static final Path UNIT = DebPackageIT.REPO.resolve("systemd/kvs-camera-agent.service");
    static final String INSTALLED_LAUNCHER = "/usr/share/kvs-camera-agent/run-agent.sh";

    @Test
    void verifyIsClean(@TempDir Path dir) throws Exception {
        assertTrue(Sh.onPath("systemd-analyze"), "systemd-analyze is needed (Debian package systemd)");
        // verify checks that ExecStart's program exists and is executable: point it at the launcher in this tree
        String unit = Files.readString(UNIT);
        assertTrue(unit.contains("ExecStart=" + INSTALLED_LAUNCHER + " "), "ExecStart runs the launcher");
        Path copy = Files.writeString(dir.resolve(UNIT.getFileName().toString()),
                unit.replace(INSTALLED_LAUNCHER, LauncherIT.LAUNCHER.toString()));
        Sh.Result r = Sh.exec(List.of("systemd-analyze", "verify", "--man=no", copy.toString()), Map.of());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out() + r.err(), "no warnings");
    }

    @Test
    void securityExposureStaysLow() throws Exception {
        Sh.Result r = Sh.exec(List.of("systemd-analyze", "security", "--offline=yes", "--no-pager",
                UNIT.toString()), Map.of("SYSTEMD_COLORS", "0")).ok();
        Matcher m = Pattern.compile("Overall exposure level for kvs-camera-agent.service: ([0-9.]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("systemd-analyze security exposure: " + exposure);
        assertTrue(exposure <= 2.0, "exposure " + exposure + " (was 1.6 when this test was written)");
    }

    @Test
    void keyDecisions() throws Exception {
        String u = Files.readString(UNIT);
        for (String line : new String[] {"Type=notify", "NotifyAccess=main", "WatchdogSec=60", "Restart=on-failure",
                "After=network-online.target time-sync.target", "SupplementaryGroups=video gpio",
                "StateDirectory=kvs-camera-agent", "ConfigurationDirectory=kvs-camera-agent", "CacheDirectory=kvs-camera-agent",
                "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK", "SuccessExitStatus=143", "KillMode=mixed"}) {
            assertTrue(u.lines().anyMatch(line::equals), line);
        }
        assertTrue(u.lines().noneMatch(l -> l.startsWith("MemoryDenyWriteExecute")), "the JIT needs W+X memory");
        assertTrue(u.contains("-XX:+UseSerialGC") && u.contains("-Xmx64m") && u.contains("-XX:MaxMetaspaceSize=64m"));
    }
}
