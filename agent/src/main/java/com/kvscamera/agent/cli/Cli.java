package com.kvscamera.agent.cli;

import com.kvscamera.agent.aws.CredentialsException;
import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.aws.CredentialsProviders;
import com.kvscamera.agent.config.AgentConfig;
import com.kvscamera.agent.config.ConfigException;
import com.kvscamera.agent.config.ConfigFiles;
import com.kvscamera.agent.config.ConfigLoader;
import com.kvscamera.agent.config.ConfigPrinter;
import com.kvscamera.agent.config.CredentialsSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: parses arguments, loads and checks the configuration, and hands over to the command's
 * implementation. Every failure is one clear line on stderr and an exit code; never a stack trace.
 */
public final class Cli {
    public static final int EXIT_OK = 0;
    /** The runner failed at run time. */
    public static final int EXIT_FAILED = 1;
    /** Bad usage or bad configuration. */
    public static final int EXIT_USAGE = 2;
    /** The command exists but its implementation is not in this build yet. */
    public static final int EXIT_NOT_WIRED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private final Map<String, String> env;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final Runners.Lookup runners;

    public Cli(Map<String, String> env, Path home, PrintStream out, PrintStream err) {
        this(env, home, out, err, Runners::find);
    }

    /** @param runners finds command implementations (tests pass their own instead of the ServiceLoader) */
    Cli(Map<String, String> env, Path home, PrintStream out, PrintStream err, Runners.Lookup runners) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.out = out;
        this.err = err;
        this.runners = runners;
    }

    public int execute(String... args) {
        if (args.length == 0) {
            err.print(Usage.MAIN);
            return EXIT_USAGE;
        }
        String command = args[0];
        List<String> rest = List.of(args).subList(1, args.length);
        switch (command) {
            case "-h", "--help", "help":
                out.print(Usage.MAIN);
                return EXIT_OK;
            case "version", "--version":
                if (wantsHelp(rest)) {
                    out.print(Usage.VERSION);
                    return EXIT_OK;
                }
                if (!rest.isEmpty()) {
                    return usageError("version: unexpected argument " + rest.get(0), Usage.VERSION);
                }
                out.println("kvs-camera-agent " + Version.get());
                return EXIT_OK;
            case "check-config":
                return withConfig(command, rest, Usage.CHECK_CONFIG, this::checkConfig);
            case "run":
                return withConfig(command, rest, Usage.RUN, this::run);
            case "demo":
                return demo(rest);
            default:
                return usageError("unknown command: " + command, Usage.MAIN);
        }
    }

    private interface ConfigCommand {
        int apply(Path file, AgentConfig cfg);
    }

    /** Parses {@code --config FILE} (or {@code --config=FILE}), loads and checks the configuration. */
    private int withConfig(String command, List<String> args, String usage, ConfigCommand then) {
        if (wantsHelp(args)) {
            out.print(usage);
            return EXIT_OK;
        }
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config") || a.equals("-c")) {
                if (i + 1 >= args.size()) {
                    return usageError(command + ": --config needs a file", usage);
                }
                file = args.get(++i);
            } else if (a.startsWith("--config=")) {
                file = a.substring("--config=".length());
            } else {
                return usageError(command + ": unknown option " + a, usage);
            }
        }
        if (file == null || file.isBlank()) {
            return usageError(command + ": --config FILE is required", usage);
        }
        Path path = Path.of(file);
        AgentConfig cfg;
        try {
            cfg = new ConfigLoader(env).load(path);
        } catch (ConfigException e) {
            e.violations().forEach(err::println);
            return EXIT_USAGE;
        }
        List<String> problems = new ArrayList<>(ConfigFiles.check(cfg));
        if (problems.isEmpty()) {
            Optional<String> problem = credentialsProblem(cfg);
            CredentialsSource source = cfg.aws().credentials().source();
            boolean fromEnvironment = source == CredentialsSource.ENVIRONMENT || source == CredentialsSource.PROFILE;
            if (problem.isPresent() && fromEnvironment && command.equals("check-config")) {
                // the service's environment (EnvironmentFile=, LoadCredential=) may differ from this shell's
                err.println("warning: " + problem.get() + " (run will fail unless its environment provides them)");
            } else {
                problem.ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return EXIT_USAGE;
        }
        ConfigFiles.warnings(cfg, env).forEach(w -> err.println("warning: " + w));
        return then.apply(path, cfg);
    }

    /**
     * Builds the credentials provider so that a key that cannot be parsed or does not match its certificate
     * fails now; for the local sources (environment, profile) also reads the credentials. Makes no network call.
     */
    private Optional<String> credentialsProblem(AgentConfig cfg) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-check");
            t.setDaemon(true);
            return t;
        });
        try {
            CredentialsProvider p = CredentialsProviders.create(cfg.aws().credentials(), env, home,
                    Clock.systemUTC(), scheduler);
            CredentialsSource source = cfg.aws().credentials().source();
            if (source == CredentialsSource.ENVIRONMENT || source == CredentialsSource.PROFILE) {
                p.current();
            }
            if (p instanceof AutoCloseable c) {
                c.close();
            }
            return Optional.empty();
        } catch (CredentialsException e) {
            String m = e.getMessage();
            return Optional.of(m.startsWith("aws.credentials") ? m : "aws.credentials: " + m);
        } catch (Exception e) {
            return Optional.of("aws.credentials: " + e.getClass().getSimpleName());
        } finally {
            scheduler.shutdownNow();
        }
    }

    private int checkConfig(Path file, AgentConfig cfg) {
        out.print(ConfigPrinter.print(cfg));
        err.println(file + ": configuration is valid");
        return EXIT_OK;
    }

    private int run(Path file, AgentConfig cfg) {
        Optional<AgentRunner> runner = runners.find(AgentRunner.class);
        if (runner.isEmpty()) {
            LOG.error("run: the signaling master is not wired yet (configuration {} is valid)", file);
            return EXIT_NOT_WIRED;
        }
        LOG.info("kvs-camera-agent {} starting: channel {}, region {}, credentials {}", Version.get(),
                cfg.channel().name(), cfg.aws().region(), cfg.aws().credentials().source().configName());
        try {
            return runner.get().run(cfg);
        } catch (Exception e) {
            LOG.error("run: stopped: {}", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.debug("run: stopped", e);
            return EXIT_FAILED;
        }
    }

    private int demo(List<String> args) {
        if (wantsHelp(args)) {
            out.print(Usage.DEMO);
            return EXIT_OK;
        }
        int port = DemoRunner.DEFAULT_PORT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value;
            if (a.equals("--port")) {
                if (i + 1 >= args.size()) {
                    return usageError("demo: --port needs a number", Usage.DEMO);
                }
                value = args.get(++i);
            } else if (a.startsWith("--port=")) {
                value = a.substring("--port=".length());
            } else {
                return usageError("demo: unknown option " + a, Usage.DEMO);
            }
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                return usageError("demo: --port must be a number from 1 to 65535 (got \"" + value + "\")", Usage.DEMO);
            }
        }
        Optional<DemoRunner> runner = runners.find(DemoRunner.class);
        if (runner.isEmpty()) {
            LOG.error("demo: the demo is not wired yet (needs the emulator and the signaling master)");
            return EXIT_NOT_WIRED;
        }
        try {
            return runner.get().demo(port);
        } catch (Exception e) {
            LOG.error("demo: stopped: {}", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            LOG.debug("demo: stopped", e);
            return EXIT_FAILED;
        }
    }

    private static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    private int usageError(String message, String usage) {
        err.println(message);
        err.print(usage);
        return EXIT_USAGE;
    }
}
