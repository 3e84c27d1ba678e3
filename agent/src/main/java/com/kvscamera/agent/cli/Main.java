package com.kvscamera.agent.cli;

import com.kvscamera.agent.log.Logging;
import java.nio.file.Path;

/** Entry point of kvs-camera-agent.jar: installs logging, runs the command, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.keepHandlersAtShutdown();
        Logging.install(System.getenv());
        int code = new Cli(System.getenv(), Path.of(System.getProperty("user.home", ".")), System.out, System.err)
                .execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
