package com.kvscamera.agent.app;

import com.kvscamera.agent.cli.AgentRunner;
import com.kvscamera.agent.config.AgentConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The {@code run} command (found by the CLI through META-INF/services): starts the agent and keeps it running until the JVM is asked to stop (SIGTERM from
 * systemd, Ctrl-C), then shuts it down in order before the JVM exits.
 */
public final class AgentApp implements AgentRunner {
    private static final Logger LOG = Logger.getLogger(AgentApp.class.getName());

    /** Runs until the process is told to stop; returns the exit code. */
    @Override
    public int run(AgentConfig cfg) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        RunningAgent agent = RunningAgent.start(cfg, System.getenv(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC());
        Thread hook = new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("agent started; stop with SIGTERM");
        stopped.await();
        return 0;
    }
}
