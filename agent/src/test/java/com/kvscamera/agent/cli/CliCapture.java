package com.kvscamera.agent.cli;

import com.kvscamera.agent.log.Logging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.LogManager;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the CLI in process and captures everything it prints. Running it points System.err and the log handler at
 * the capture, so register this as an extension ({@code @RegisterExtension}): after each test it puts System.err
 * back and leaves JUL as the JDK configures it, for the test classes that run after in the same JVM.
 */
final class CliCapture implements BeforeEachCallback, AfterEachCallback {

    /** What one run printed, including log lines (the log handler writes to System.err), and its exit code. */
    static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** No runners registered: run and demo exit 3. */
    static final Runners.Lookup NONE = new Runners.Lookup() {
        @Override
        public <T> Optional<T> find(Class<T> type) {
            return Optional.empty();
        }
    };

    private PrintStream savedErr;

    static Run run(Map<String, String> env, Runners.Lookup runners, Path home, String... args) {
        Run r = new Run();
        PrintStream err = new PrintStream(r.err, true, StandardCharsets.UTF_8);
        System.setErr(err);
        Logging.install(env);
        r.code = new Cli(env, home, new PrintStream(r.out, true, StandardCharsets.UTF_8), err, runners).execute(args);
        return r;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        savedErr = System.err;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(savedErr);
        try {
            LogManager.getLogManager().readConfiguration();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
