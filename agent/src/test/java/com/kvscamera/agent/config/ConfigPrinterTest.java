package com.kvscamera.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigPrinterTest {
    private static final String FULL = """
            aws:
              region: us-west-2
              credentials: {source: static, accessKeyId: AKIDEXAMPLE, secretAccessKey: "s3cr3t/KEY+x", sessionToken: "tok=en"}
            channel: {name: cam1}
            webrtc: {interfaces: [eth0], portRange: 50000-50010}
            capture: {command: [ffmpeg, -i, "/dev/video0", -f, h264, "-", "a \\"quoted\\" arg"]}
            device: {statusLed: {pin: 3}}
            """;

    @Test
    void everyKeyIsPrintedAndSecretsAreMasked() throws ConfigException {
        String text = ConfigPrinter.print(new ConfigLoader(Map.of()).loadYaml(FULL, "t"));
        for (ConfigKey key : ConfigSchema.keys()) {
            assertTrue(text.contains("  ".repeat(key.path().split("\\.").length - 1) + key.name() + ": "), key.path());
        }
        assertFalse(text.contains("s3cr3t"), text);
        assertFalse(text.contains("tok=en"), text);
        assertTrue(text.contains("secretAccessKey: \"***\""), text);
        assertTrue(text.contains("sessionToken: \"***\""), text);
    }

    @Test
    void toStringOfTheWholeConfigurationMasksSecrets() throws ConfigException {
        String text = new ConfigLoader(Map.of("KVS_AGENT_AWS_CREDENTIALS_SESSION_TOKEN", "env-token-value"))
                .loadYaml(FULL, "t").toString();
        assertTrue(text.contains("AKIDEXAMPLE"), text);
        assertFalse(text.contains("s3cr3t") || text.contains("tok=en") || text.contains("env-token-value"), text);
    }

    @Test
    void printedConfigurationLoadsBackToTheSameValues() throws ConfigException {
        AgentConfig original = new ConfigLoader(Map.of()).loadYaml(FULL, "t");
        AgentConfig reloaded = new ConfigLoader(Map.of()).loadYaml(ConfigPrinter.print(original), "printed");
        Map<String, Object> a = ConfigPrinter.values(original);
        Map<String, Object> b = ConfigPrinter.values(reloaded);
        assertEquals(a, b);
        assertEquals("***", reloaded.aws().credentials().secretAccessKey().value());
        assertEquals(ConfigSchema.keys().size(), a.size());
    }
}
