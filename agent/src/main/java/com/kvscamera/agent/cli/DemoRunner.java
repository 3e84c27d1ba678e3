package com.kvscamera.agent.cli;

/**
 * The {@code demo} command: a local emulator, the agent and a viewer page on {@code port}. Provided through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/com.kvscamera.agent.cli.DemoRunner}). Until one is
 * provided, {@code demo} exits with {@link Cli#EXIT_NOT_WIRED}.
 */
public interface DemoRunner {
    int DEFAULT_PORT = 8080;

    int demo(int port) throws Exception;
}
