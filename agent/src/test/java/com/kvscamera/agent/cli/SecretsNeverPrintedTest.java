package com.kvscamera.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs check-config and run with known secret values in the file, in KVS_AGENT_* overrides and in the AWS_*
 * environment, valid and invalid in many ways, with debug logging on, and asserts that no secret (nor any line of
 * a private key) appears anywhere in what was printed or logged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretsNeverPrintedTest {
    static final String FILE_SECRET = "FILE-SECRET-KEY-8c1f0a";
    static final String FILE_TOKEN = "FILE-SESSION-TOKEN-77aa90";
    static final String ENV_OVERRIDE_TOKEN = "ENV-OVERRIDE-TOKEN-3b3b12";
    static final String AWS_ENV_SECRET = "AWS-ENV-SECRET-9d9d34";
    static final String AWS_ENV_TOKEN = "AWS-ENV-TOKEN-5e5e56";

    @TempDir
    Path dir;
    private final List<String> secrets = new ArrayList<>(
            List.of(FILE_SECRET, FILE_TOKEN, ENV_OVERRIDE_TOKEN, AWS_ENV_SECRET, AWS_ENV_TOKEN));
    private final StringBuilder everything = new StringBuilder();

    @RegisterExtension
    final CliCapture capture = new CliCapture();

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("KVS_AGENT_LOG_LEVEL", "debug",
                "AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", AWS_ENV_SECRET, "AWS_SESSION_TOKEN", AWS_ENV_TOKEN));
        env.putAll(extra);
        return env;
    }

    private int run(Map<String, String> extraEnv, String yaml, String command) throws Exception {
        Path file = Files.writeString(dir.resolve("agent-" + everything.length() + ".yaml"), yaml);
        CliCapture.Run r = CliCapture.run(env(extraEnv), CliCapture.NONE, dir, command, "--config", file.toString());
        everything.append(r.out()).append(r.err());
        return r.code;
    }

    private String staticFile(String credentialsBody) {
        return """
                aws:
                  region: us-west-2
                  credentials:
                %s
                channel: {name: cam1}
                capture: {file: %s}
                """.formatted(credentialsBody.indent(4).stripTrailing(), dir.resolve("clip.h264"));
    }

    @Test
    void noSecretIsEverPrinted() throws Exception {
        Files.writeString(dir.resolve("clip.h264"), "x");
        String valid = staticFile("source: static\naccessKeyId: AKIDFILE\nsecretAccessKey: " + FILE_SECRET
                + "\nsessionToken: " + FILE_TOKEN);
        List<Integer> codes = new ArrayList<>();
        for (String command : List.of("check-config", "run")) {
            codes.add(run(Map.of(), valid, command));
            codes.add(run(Map.of("KVS_AGENT_AWS_CREDENTIALS_SESSION_TOKEN", ENV_OVERRIDE_TOKEN), valid, command));
            // invalid files that carry the secrets in every position an error could echo
            codes.add(run(Map.of(), valid.replace("us-west-2", "nowhere"), command));
            codes.add(run(Map.of(), valid.replace("sessionToken: " + FILE_TOKEN, "sessionToken: [" + FILE_TOKEN + "]"),
                    command));
            codes.add(run(Map.of(), valid.replace("sessionToken: " + FILE_TOKEN, "sessionToken: {x: " + FILE_TOKEN + "}"),
                    command));
            codes.add(run(Map.of(), valid.replace("secretAccessKey:", "secretAcessKey:"), command));
            codes.add(run(Map.of(), valid.replace("secretAccessKey: " + FILE_SECRET, "secretAccessKey: \"" + FILE_SECRET),
                    command));
            codes.add(run(Map.of(), valid.replace("secretAccessKey: " + FILE_SECRET, "secretAccessKey: " + FILE_SECRET
                    + ": x"), command));
            codes.add(run(Map.of(), valid.replace("secretAccessKey: " + FILE_SECRET, "secretAccessKey: " + FILE_SECRET
                    + "\n\tbad: tab"), command));
            codes.add(run(Map.of(), valid.replace("accessKeyId: AKIDFILE\n", "accessKeyId: AKIDFILE\n    secretAccessKey: "
                    + FILE_TOKEN + "\n"), command));
            codes.add(run(Map.of("KVS_AGENT_AWS_CREDENTIALS_SECRET_ACCESS_KEY", ENV_OVERRIDE_TOKEN),
                    staticFile("source: environment"), command));
            codes.add(run(Map.of(), staticFile("source: environment"), command));
            codes.add(run(Map.of("KVS_AGENT_AWS_CREDENTIALS_SECRET_ACCES_KEY", ENV_OVERRIDE_TOKEN), valid, command));
        }
        assertEquals(List.of(0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 2, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2), codes,
                everything.toString());
        assertTrue(everything.toString().contains("secretAccessKey: \"***\""), "check-config printed the config");
        assertTrue(everything.toString().contains("DEBUG") || everything.toString().contains("INFO")
                || everything.toString().contains("ERROR"), "log lines were captured");
        assertNoSecret();
    }

    @Test
    void privateKeysAreNeverPrinted() throws Exception {
        Files.writeString(dir.resolve("clip.h264"), "x");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8);
        Path key = Files.writeString(dir.resolve("device.key"),
                "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        Path brokenKey = Files.writeString(dir.resolve("broken.key"),
                "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 40) + "\n-----END PRIVATE KEY-----\n");
        // a "certificate" file that actually holds the key: the error must not quote it
        Path keyAsCert = Files.writeString(dir.resolve("device.crt"), Files.readString(key));
        secrets.addAll(body.lines().toList());
        String iot = """
                source: iot
                iot: {endpoint: a.credentials.iot.us-west-2.amazonaws.com, roleAlias: r, thingName: cam1,
                      certificate: %s, privateKey: %s}""";
        for (String command : List.of("check-config", "run")) {
            assertEquals(2, run(Map.of(), staticFile(iot.formatted(keyAsCert, key)), command));
            assertEquals(2, run(Map.of(), staticFile(iot.formatted(keyAsCert, brokenKey)), command));
        }
        assertTrue(everything.toString().contains("aws.credentials.iot.certificate"), everything.toString());
        assertNoSecret();
    }

    private void assertNoSecret() {
        String all = everything.toString();
        for (String secret : secrets) {
            assertFalse(all.contains(secret), "secret \"" + secret + "\" was printed:\n" + all);
        }
    }
}
