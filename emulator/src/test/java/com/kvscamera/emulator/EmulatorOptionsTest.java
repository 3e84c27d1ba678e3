package com.kvscamera.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options are strict and every refusal names its key; the secret never shows up in toString. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EmulatorOptionsTest {

    private static void refused(String key, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(key), x.getMessage());
    }

    @Test
    void defaultsMatchTheService() {
        EmulatorOptions o = EmulatorOptions.builder().secretAccessKey("s").build();
        assertEquals(Duration.ofMinutes(45), o.sessionTtl());
        assertEquals(Duration.ofSeconds(300), o.iceTtl());
        assertEquals(Duration.ofSeconds(60), o.messageTtl());
        assertEquals(Duration.ofMinutes(10), o.idleTimeout());
        assertEquals(Duration.ofMinutes(1), o.goAwayGrace());
        assertEquals("us-west-2", o.region());
        assertFalse(o.toString().contains("=s,"), o.toString());
        assertTrue(o.toString().contains("secretAccessKey=<redacted>"));
    }

    @Test
    void badValuesNameTheirKey() {
        refused("secretAccessKey", () -> EmulatorOptions.builder().build());
        refused("port", () -> EmulatorOptions.builder().port(70000));
        refused("region", () -> EmulatorOptions.builder().region("US West"));
        refused("createChannel", () -> EmulatorOptions.builder().createChannel("no spaces"));
        refused("sessionTtl", () -> EmulatorOptions.builder().sessionTtl(Duration.ZERO));
        refused("messageTtl", () -> EmulatorOptions.builder().messageTtl(Duration.ofSeconds(-1)));
        refused("iceTtl", () -> EmulatorOptions.builder().iceTtl(Duration.ofMillis(10)));
        refused("accountId", () -> EmulatorOptions.builder().accountId("12"));
        refused("accessKeyId", () -> EmulatorOptions.builder().accessKeyId(" "));
    }
}
