package com.kvscamera.agent.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.CredentialsConfig;
import com.kvscamera.agent.config.CredentialsSource;
import com.kvscamera.agent.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Static, environment and shared-credentials-file providers, with injected environment and home directory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalCredentialsProvidersTest {
    @TempDir
    Path home;

    private CredentialsProvider create(CredentialsConfig cfg, Map<String, String> env) throws CredentialsException {
        return CredentialsProviders.create(cfg, env, home, Clock.systemUTC(), null);
    }

    private static CredentialsConfig source(CredentialsSource s, String profile) {
        return new CredentialsConfig(s, null, null, null, profile, null);
    }

    @Test
    void staticCredentialsComeFromTheConfiguration() throws CredentialsException {
        CredentialsProvider p = create(new CredentialsConfig(CredentialsSource.STATIC, "AKIDEXAMPLE",
                new Secret("secret"), new Secret("token"), null, null), Map.of());
        Credentials c = p.current();
        assertEquals("AKIDEXAMPLE", c.accessKeyId());
        assertEquals("secret", c.secretAccessKey().value());
        assertEquals("token", c.sessionToken().value());
        p.invalidate();
        assertEquals(c, p.current());
    }

    @Test
    void environmentProviderReadsTheInjectedEnvironment() throws CredentialsException {
        CredentialsProvider p = create(source(CredentialsSource.ENVIRONMENT, null), Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "envsecret", "AWS_SESSION_TOKEN", "envtoken"));
        Credentials c = p.current();
        assertEquals("AKIDENV", c.accessKeyId());
        assertEquals("envsecret", c.secretAccessKey().value());
        assertEquals("envtoken", c.sessionToken().value());
        assertNull(create(source(CredentialsSource.ENVIRONMENT, null),
                Map.of("AWS_ACCESS_KEY_ID", "A", "AWS_SECRET_ACCESS_KEY", "B")).current().sessionToken());
        assertEquals("aws.credentials.source is environment, but AWS_SECRET_ACCESS_KEY is not set",
                assertThrows(CredentialsException.class, () -> create(source(CredentialsSource.ENVIRONMENT, null),
                        Map.of("AWS_ACCESS_KEY_ID", "A")).current()).getMessage());
    }

    @Test
    void profileProviderReadsHomeOrTheFileNamedByTheEnvironment() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), """
                # comment
                [default]
                aws_access_key_id = AKIDDEFAULT
                aws_secret_access_key = defaultsecret

                [profile camera]
                aws_access_key_id=AKIDCAMERA
                aws_secret_access_key=camerasecret
                aws_session_token=cameratoken
                """);
        assertEquals("AKIDDEFAULT", create(source(CredentialsSource.PROFILE, null), Map.of()).current().accessKeyId());
        assertEquals("AKIDCAMERA", create(source(CredentialsSource.PROFILE, null), Map.of("AWS_PROFILE", "camera"))
                .current().accessKeyId());
        Credentials cam = create(source(CredentialsSource.PROFILE, "camera"), Map.of("AWS_PROFILE", "default")).current();
        assertEquals("camerasecret", cam.secretAccessKey().value());
        assertEquals("cameratoken", cam.sessionToken().value());

        Path other = Files.writeString(home.resolve("etc-credentials"), "[default]\naws_access_key_id=AKIDETC\n"
                + "aws_secret_access_key=etc\n");
        ProfileCredentialsProvider p = (ProfileCredentialsProvider) create(source(CredentialsSource.PROFILE, null),
                Map.of("AWS_SHARED_CREDENTIALS_FILE", other.toString()));
        assertEquals("AKIDETC", p.current().accessKeyId());
        // rotated keys are picked up after invalidate()
        Files.writeString(other, "[default]\naws_access_key_id=AKIDNEW\naws_secret_access_key=new\n");
        assertEquals("AKIDETC", p.current().accessKeyId());
        p.invalidate();
        assertEquals("AKIDNEW", p.current().accessKeyId());
    }

    @Test
    void profileErrorsNameFileAndProfile() throws Exception {
        Path missing = home.resolve(".aws/credentials");
        assertEquals("shared credentials file not found: " + missing + " (set AWS_SHARED_CREDENTIALS_FILE or create it)",
                assertThrows(CredentialsException.class,
                        () -> create(source(CredentialsSource.PROFILE, null), Map.of()).current()).getMessage());
        Files.createDirectories(missing.getParent());
        Files.writeString(missing, "[default]\naws_access_key_id=A\naws_secret_access_key=topsecret\n[cam]\naws_access_key_id=B\n");
        assertEquals("profile [nope] not found in " + missing + " (profiles there: default, cam)",
                assertThrows(CredentialsException.class,
                        () -> create(source(CredentialsSource.PROFILE, "nope"), Map.of()).current()).getMessage());
        String lacks = assertThrows(CredentialsException.class,
                () -> create(source(CredentialsSource.PROFILE, "cam"), Map.of()).current()).getMessage();
        assertEquals("profile [cam] in " + missing + " lacks aws_secret_access_key", lacks);
        assertTrue(!lacks.contains("topsecret"));
    }
}
