package com.kvscamera.emulator;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar kvs-emulator.jar ...}: first stdout line is {@code kvs-emulator listening on <base-url>};
 * runs until killed; SIGTERM/SIGINT stop coturn too (shutdown hook).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // one line per log event, on stderr, so stdout stays machine-readable
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        EmulatorOptions options;
        try {
            options = CliArgs.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("kvs-emulator: " + e.getMessage());
            System.err.println(CliArgs.USAGE);
            System.exit(2);
            return;
        }
        KvsEmulator emulator;
        try {
            emulator = KvsEmulator.start(options);
        } catch (java.io.IOException e) {
            System.err.println("kvs-emulator: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "kvs-emulator-shutdown"));
        System.out.println("kvs-emulator listening on " + emulator.baseUrl());
        emulator.caCertificateFile().ifPresent(p -> System.out.println("kvs-emulator ca-certificate " + p));
        emulator.turn().ifPresent(t -> System.out.println("kvs-emulator turn " + t.host() + " udp " + t.udpPort()
                + " tcp " + t.tcpPort() + (t.tlsPort() > 0 ? " tls " + t.tlsPort() : "")));
        for (String name : options.channels()) {
            System.out.println("kvs-emulator channel " + name + " " + emulator.channelArn(name));
        }
        System.out.flush();
        stopped.await();
    }
}
