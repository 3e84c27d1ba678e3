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

/** The unit as systemd itself reads it (systemd is installed on the build machines and by scripts/test.sh). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnitFileIT {
    static final Path UNIT = DebPackageIT.REPO.resolve("systemd/kvs-camera-agent.service");

    @Test
    void verifyIsClean() throws Exception {
        assertTrue(Sh.onPath("systemd-analyze"), "systemd-analyze is needed (Debian package systemd)");
        Sh.Result r = Sh.exec(List.of("systemd-analyze", "verify", "--man=no", UNIT.toString()), Map.of());
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
                "StateDirectory=kvs-camera-agent", "ConfigurationDirectory=kvs-camera-agent",
                "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK", "SuccessExitStatus=143", "KillMode=mixed"}) {
            assertTrue(u.lines().anyMatch(line::equals), line);
        }
        assertTrue(u.lines().noneMatch(l -> l.startsWith("MemoryDenyWriteExecute")), "the JIT needs W+X memory");
        assertTrue(u.contains("-XX:+UseSerialGC") && u.contains("-Xmx64m") && u.contains("-XX:MaxMetaspaceSize=64m"));
    }
}
