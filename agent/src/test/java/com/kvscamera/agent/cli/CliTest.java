package com.kvscamera.agent.cli;

import static com.kvscamera.agent.cli.CliCapture.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.cli.CliCapture.Run;
import com.kvscamera.agent.config.AgentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end (in process): exit codes, what goes to stdout and stderr, never a stack trace. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest {
    static final String VALID = """
            aws:
              region: us-west-2
              endpoint: http://127.0.0.1:4566
              credentials: {source: static, accessKeyId: AKIDEXAMPLE, secretAccessKey: not-a-real-secret}
            channel: {name: cam1}
            capture: {command: [rpicam-vid, -o, "-"]}
            """;

    @TempDir
    Path dir;

    @RegisterExtension
    final CliCapture capture = new CliCapture();

    private Run run(String... args) {
        return run(Map.of(), NONE, dir, args);
    }

    private static Run run(Map<String, String> env, Runners.Lookup runners, Path home, String... args) {
        return CliCapture.run(env, runners, home, args);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertNoStackTrace(Run r) {
        for (String s : List.of(r.out(), r.err())) {
            assertFalse(s.contains("\tat ") || s.contains("Exception in thread") || s.contains("Caused by"), s);
        }
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = run("version");
        assertEquals(0, r.code);
        assertTrue(r.out().matches("kvs-camera-agent \\S+\\R"), r.out());
        assertFalse(r.out().contains("${"), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> args : List.of(List.of("--help"), List.of("help"), List.of("run", "--help"),
                List.of("check-config", "--help"), List.of("demo", "--help"), List.of("version", "--help"),
                List.of("check-config", "--config", "x.yaml", "-h"))) {
            Run r = run(args.toArray(new String[0]));
            assertEquals(0, r.code, args.toString());
            assertTrue(r.out().startsWith("usage: "), args + ": " + r.out());
            assertEquals("", r.err(), args.toString());
        }
    }

    @Test
    void unknownCommandsAndFlagsPrintUsageOnStderrAndExit2() {
        Run none = run();
        assertEquals(2, none.code);
        assertTrue(none.err().startsWith("usage: "));
        Run unknown = run("frobnicate");
        assertEquals(2, unknown.code);
        assertTrue(unknown.err().startsWith("unknown command: frobnicate\nusage: "), unknown.err());
        assertEquals("", unknown.out());
        Run flag = run("check-config", "--verbose");
        assertEquals(2, flag.code);
        assertTrue(flag.err().startsWith("check-config: unknown option --verbose\nusage: kvs-camera-agent check-config"),
                flag.err());
        Run noConfig = run("run");
        assertEquals(2, noConfig.code);
        assertTrue(noConfig.err().startsWith("run: --config FILE is required\n"), noConfig.err());
        Run dangling = run("run", "--config");
        assertTrue(dangling.err().startsWith("run: --config needs a file\n"), dangling.err());
        Run port = run("demo", "--port", "http");
        assertEquals(2, port.code);
        assertTrue(port.err().startsWith("demo: --port must be a number from 1 to 65535 (got \"http\")\n"), port.err());
        Run extra = run("version", "now");
        assertEquals(2, extra.code);
    }

    @Test
    void checkConfigPrintsTheEffectiveConfiguration() throws Exception {
        Path file = write("agent.yaml", VALID);
        Run r = run(Map.of("KVS_AGENT_WEBRTC_MAX_VIEWERS", "3"), NONE, dir, "check-config", "--config", file.toString());
        assertEquals(0, r.code, r.err());
        assertTrue(r.out().startsWith("aws:\n  region: us-west-2\n  endpoint: http://127.0.0.1:4566\n"), r.out());
        assertTrue(r.out().contains("  maxViewers: 3\n"), r.out());
        assertTrue(r.out().contains("    secretAccessKey: \"***\"\n"), r.out());
        assertFalse(r.out().contains("not-a-real-secret"));
        assertEquals(file + ": configuration is valid\n", r.err());
        assertEquals(0, run("check-config", "--config=" + file).code);
    }

    @Test
    void aCaptureProgramMissingFromPathIsAWarning() throws Exception {
        Path file = write("agent.yaml", VALID);
        Run missing = run(Map.of("PATH", dir.toString()), NONE, dir, "check-config", "--config", file.toString());
        assertEquals(0, missing.code);
        assertEquals("warning: capture.command: program \"rpicam-vid\" not found on PATH or not executable\n"
                + file + ": configuration is valid\n", missing.err());
        Path sh = write("sh.yaml", VALID.replace("[rpicam-vid, -o, \"-\"]", "[sh, -c, \"exit 0\"]"));
        Run found = run(Map.of("PATH", "/nonexistent:/usr/bin:/bin"), NONE, dir, "check-config", "--config", sh.toString());
        assertEquals(sh + ": configuration is valid\n", found.err());
        Path absent = write("abs.yaml", VALID.replace("[rpicam-vid, -o, \"-\"]", "[/opt/none/rpicam-vid]"));
        assertEquals("warning: capture.command: program \"/opt/none/rpicam-vid\" not found or not executable\n"
                + absent + ": configuration is valid\n", run("check-config", "--config", absent.toString()).err());
    }

    @Test
    void checkConfigListsEveryViolation() throws Exception {
        Path file = write("bad.yaml", """
                aws:
                  regoin: us-west-2
                channel:
                  name: "front door"
                capture: {file: x}
                """);
        Run r = run("check-config", "--config", file.toString());
        assertEquals(2, r.code);
        assertEquals("""
                aws.regoin: unknown key (did you mean aws.region?)
                aws.region: is required
                channel.name: must match [a-zA-Z0-9_.-]{1,256}
                """, r.err());
        assertEquals("", r.out());
    }

    @Test
    void badInputsGiveOneClearLineEach() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        assertOneLine(run("check-config", "--config", missing.toString()), missing + ": configuration file not found");
        Path yaml = write("syntax.yaml", "aws:\n  region: us-west-2\n channel: [\n");
        Run syntax = run("check-config", "--config", yaml.toString());
        assertEquals(2, syntax.code);
        assertTrue(syntax.err().matches("\\Q" + yaml + "\\E: YAML syntax error at line \\d+, column \\d+: .+\\n"),
                syntax.err());
        assertOneLine(run("run", "--config", write("types.yaml", VALID + "webrtc: {mtu: big}\n").toString()),
                "webrtc.mtu: must be an integer (got \"big\")");
        assertOneLine(run("run", "--config", write("region.yaml", VALID.replace("us-west-2", "mars-1")).toString()),
                "aws.region: must be an AWS region like us-west-2 (got \"mars-1\")");
        Path iot = write("iot.yaml", """
                aws:
                  region: us-west-2
                  credentials:
                    source: iot
                    iot: {endpoint: x.credentials.iot.us-west-2.amazonaws.com, roleAlias: r, thingName: t,
                          certificate: %s, privateKey: %s}
                channel: {name: t}
                capture: {file: %s}
                """.formatted(dir.resolve("no-cert.pem"), dir.resolve("no-key.pem"), write("clip.h264", "x")));
        Run certs = run("check-config", "--config", iot.toString());
        assertEquals(2, certs.code);
        assertEquals("aws.credentials.iot.certificate: file not found: " + dir.resolve("no-cert.pem") + "\n"
                + "aws.credentials.iot.privateKey: file not found: " + dir.resolve("no-key.pem") + "\n", certs.err());
        write("no-cert.pem", "junk");
        write("no-key.pem", "junk");
        assertOneLine(run("check-config", "--config", iot.toString()), "aws.credentials.iot.certificate: "
                + dir.resolve("no-cert.pem") + " is not a PEM certificate (No certificate data found)");
        Path dirAsFile = write("dir.yaml", VALID);
        assertOneLine(run("run", "--config", dir.toString()), dir + ": cannot read configuration file (is a directory)");
        assertEquals(0, run("check-config", "--config", dirAsFile.toString()).code);
    }

    @Test
    void environmentCredentialsMustBePresentForRun() throws Exception {
        Path file = write("env.yaml", VALID.replace(
                "credentials: {source: static, accessKeyId: AKIDEXAMPLE, secretAccessKey: not-a-real-secret}",
                "credentials: {source: environment}"));
        assertOneLine(run("run", "--config", file.toString()),
                "aws.credentials.source is environment, but AWS_ACCESS_KEY_ID is not set");
        Run ok = run(Map.of("AWS_ACCESS_KEY_ID", "A", "AWS_SECRET_ACCESS_KEY", "B"), NONE, dir,
                "check-config", "--config", file.toString());
        assertEquals(0, ok.code, ok.err());
        assertEquals(file + ": configuration is valid\n", ok.err());
        // check-config may run in a shell without the service's environment: a warning, not a failure
        Run warned = run("check-config", "--config", file.toString());
        assertEquals(0, warned.code, warned.err());
        assertEquals("warning: aws.credentials.source is environment, but AWS_ACCESS_KEY_ID is not set (run will fail "
                + "unless its environment provides them)\n" + file + ": configuration is valid\n", warned.err());
    }

    private static void assertOneLine(Run r, String line) {
        assertEquals(2, r.code, r.err());
        assertEquals(line + "\n", r.err());
        assertNoStackTrace(r);
    }

    @Test
    void runWithoutAnAgentRunnerExits3() throws Exception {
        Path file = write("agent.yaml", VALID);
        Run r = run("run", "--config", file.toString());
        assertEquals(3, r.code);
        assertTrue(r.err().contains("cli.Cli: run: the signaling master is not wired yet (configuration " + file
                + " is valid)"), r.err());
        assertNoStackTrace(r);
        Run demo = run("demo", "--port", "9000");
        assertEquals(3, demo.code);
        assertTrue(demo.err().contains("demo: the demo is not wired yet"), demo.err());
    }

    @Test
    void runHandsTheConfigurationToTheRegisteredRunner() throws Exception {
        Path file = write("agent.yaml", VALID);
        AtomicReference<AgentConfig> seen = new AtomicReference<>();
        Map<Class<?>, Object> impls = new HashMap<>();
        impls.put(AgentRunner.class, (AgentRunner) cfg -> {
            seen.set(cfg);
            return 0;
        });
        impls.put(DemoRunner.class, (DemoRunner) port -> port == 9000 ? 0 : 1);
        Runners.Lookup lookup = new Runners.Lookup() {
            @Override
            public <T> Optional<T> find(Class<T> type) {
                return Optional.ofNullable(type.cast(impls.get(type)));
            }
        };
        assertEquals(0, run(Map.of(), lookup, dir, "run", "--config", file.toString()).code);
        assertEquals("cam1", seen.get().channel().name());
        assertEquals(0, run(Map.of(), lookup, dir, "demo", "--port=9000").code);

        impls.put(AgentRunner.class, (AgentRunner) cfg -> {
            throw new IllegalStateException("capture command not found: rpicam-vid");
        });
        Run failed = run(Map.of(), lookup, dir, "run", "--config", file.toString());
        assertEquals(1, failed.code);
        assertTrue(failed.err().contains("run: stopped: capture command not found: rpicam-vid"), failed.err());
        assertNoStackTrace(failed);
    }
}
