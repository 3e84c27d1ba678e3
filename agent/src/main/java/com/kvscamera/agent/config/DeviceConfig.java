package com.kvscamera.agent.config;

import java.time.Duration;

/** {@code device}: GPIO and systemd integration. */
public record DeviceConfig(StatusLed statusLed, PrivacySwitch privacySwitch, boolean watchdog) {

    /** @param pin GPIO line of the status LED, or null for none */
    public record StatusLed(Integer pin, boolean activeLow) {
    }

    /** @param pin GPIO line of the privacy switch, or null for none */
    public record PrivacySwitch(Integer pin, boolean activeLow, Duration debounce) {
    }
}
