package com.kvscamera.agent.session;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Without the engine's jar the agent refuses to start with a message naming the key and where it looked. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MediaEnginesTest {
    private static final MediaEngine.Context CONTEXT = new MediaEngine.Context(
            SessionSettings.defaults().withGatherTimeout(Duration.ofMillis(500)), List.of("cam"), List::of, false, 0, 0);

    @Test
    void aMissingEngineJarIsNamedWithTheKeyAndThePlacesLookedAt() {
        String msg = assertThrows(IllegalArgumentException.class, () -> MediaEngines.start("nosuchengine", CONTEXT))
                .getMessage();
        assertTrue(msg.contains("'webrtc.engine' nosuchengine") && msg.contains("kvs-engine-nosuchengine.jar")
                && msg.contains("-D" + MediaEngines.JAR_PROPERTY), msg);
    }

    @Test
    void aForcedJarThatDoesNotExistIsNamed() {
        System.setProperty(MediaEngines.JAR_PROPERTY, "/nonexistent/kvs-engine-x.jar");
        try {
            String msg = assertThrows(IllegalArgumentException.class, () -> MediaEngines.start("x", CONTEXT)).getMessage();
            assertTrue(msg.contains("/nonexistent/kvs-engine-x.jar") && msg.contains("does not exist"), msg);
        } finally {
            System.clearProperty(MediaEngines.JAR_PROPERTY);
        }
    }
}
