package com.kvscamera.agent.cli;

import com.kvscamera.agent.config.AgentConfig;

/**
 * The service behind {@code run}: given a valid configuration, runs until stopped and returns the process exit
 * code. Provided through {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/com.kvscamera.agent.cli.AgentRunner}; it needs a public no-argument constructor.
 * Until one is provided, {@code run} exits with {@link Cli#EXIT_NOT_WIRED}.
 */
public interface AgentRunner {
    int run(AgentConfig cfg) throws Exception;
}
