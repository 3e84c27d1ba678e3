package com.kvscamera.agent.cli;

/** Help texts. */
final class Usage {
    static final String MAIN = """
            usage: java -jar kvs-camera-agent.jar <command> [options]

            Makes this camera the master of an Amazon Kinesis Video Streams WebRTC signaling channel.

            commands:
              run --config FILE            run the agent
              check-config --config FILE   validate the configuration and print it (secrets masked)
              demo [--port N]              local demo: emulator, agent and a viewer page
              version                      print the version
              help                         this text

            Run '<command> --help' for a command's options. Configuration reference: docs/configuration.md
            """;

    static final String RUN = """
            usage: kvs-camera-agent run --config FILE

            Runs the agent with the configuration in FILE (YAML). Environment variables named
            KVS_AGENT_<KEY_PATH> override keys, e.g. KVS_AGENT_AWS_REGION. Exit codes: 0 stopped,
            1 failed, 2 bad usage or configuration, 3 not available in this build.
            """;

    static final String CHECK_CONFIG = """
            usage: kvs-camera-agent check-config --config FILE

            Validates FILE together with KVS_AGENT_* environment overrides and prints the effective
            configuration with every secret masked (exit 0), or every problem, one per line (exit 2).
            """;

    static final String DEMO = """
            usage: kvs-camera-agent demo [--port N]

            Starts a local KVS emulator, the agent and a viewer page on http://127.0.0.1:N/ (default 8080).
            """;

    static final String VERSION = """
            usage: kvs-camera-agent version

            Prints the version.
            """;

    private Usage() {
    }
}
