package com.kvscamera.agent.aws;

import com.kvscamera.agent.config.CredentialsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the provider that {@code aws.credentials.source} names. */
public final class CredentialsProviders {
    private CredentialsProviders() {
    }

    /**
     * @param env       the process environment (injected for tests)
     * @param home      the user's home directory, for ~/.aws/credentials
     * @param scheduler runs the IoT provider's background refresh
     * @throws CredentialsException when the IoT certificate or key cannot be read or do not match
     */
    public static CredentialsProvider create(CredentialsConfig cfg, Map<String, String> env, Path home, Clock clock,
                                             ScheduledExecutorService scheduler) throws CredentialsException {
        return switch (cfg.source()) {
            case STATIC -> new StaticCredentialsProvider(
                    new Credentials(cfg.accessKeyId(), cfg.secretAccessKey(), cfg.sessionToken(), null));
            case ENVIRONMENT -> new EnvironmentCredentialsProvider(env);
            case PROFILE -> new ProfileCredentialsProvider(cfg.profile(), env, home);
            case IOT -> new IotCredentialsProvider(cfg.iot(), clock, scheduler,
                    () -> ThreadLocalRandom.current().nextDouble());
        };
    }
}
