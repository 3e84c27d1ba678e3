package com.kvscamera.agent.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/configuration.md documents every key with its environment override, so the reference cannot fall behind. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfigurationDocTest {
    @Test
    void everyKeyIsDocumentedWithItsOverride() throws IOException {
        String doc = Files.readString(ExampleConfigsTest.REPO.resolve("docs/configuration.md"));
        for (ConfigKey key : ConfigSchema.keys()) {
            assertTrue(doc.contains("| `" + key.path() + "` |"), "row for " + key.path());
            assertTrue(doc.contains("`" + key.envName() + "`"), "override for " + key.path());
            Object def = key.defaultValue();
            if (def instanceof String s && !s.isEmpty()) {
                assertTrue(doc.contains("`" + s + "`"), "default of " + key.path());
            }
        }
    }
}
