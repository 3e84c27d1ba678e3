package com.kvscamera.agent.device;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** sd_watchdog_enabled(3): the ping interval (half of WATCHDOG_USEC) when the watchdog is meant for this process. */
public final class WatchdogSettings {
    private static final Logger LOG = Logger.getLogger(WatchdogSettings.class.getName());
    public static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    public static final String WATCHDOG_PID = "WATCHDOG_PID";

    private WatchdogSettings() {
    }

    /**
     * @param pid this process's id; WATCHDOG_PID, when set, must equal it (the variable may have leaked from a parent)
     * @return half of WATCHDOG_USEC, as systemd recommends, or empty when no watchdog applies
     */
    public static Optional<Duration> pingInterval(Map<String, String> env, long pid) {
        String usec = env.get(WATCHDOG_USEC);
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String forPid = env.get(WATCHDOG_PID);
        if (forPid != null && !forPid.isBlank()) {
            try {
                if (Long.parseLong(forPid.trim()) != pid) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                LOG.warning(WATCHDOG_PID + "='" + forPid + "' is not a process id: watchdog pings disabled");
                return Optional.empty();
            }
        }
        long micros;
        try {
            micros = Long.parseLong(usec.trim());
        } catch (NumberFormatException e) {
            LOG.warning(WATCHDOG_USEC + "='" + usec + "' is not a number of microseconds: watchdog pings disabled");
            return Optional.empty();
        }
        if (micros <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(micros * 1000 / 2));
    }
}
