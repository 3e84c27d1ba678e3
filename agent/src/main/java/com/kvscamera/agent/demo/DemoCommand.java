package com.kvscamera.agent.demo;

import com.kvscamera.agent.cli.DemoRunner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The {@code demo} command: starts {@link DemoSystem}, prints what to open and a status line until Ctrl-C. */
public final class DemoCommand implements DemoRunner {
    static final long STATUS_EVERY_SECONDS = 5;

    @Override
    public int demo(int port) throws Exception {
        DemoSystem demo = DemoSystem.start(DemoSystem.Options.defaults(port));
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-status");
            t.setDaemon(true);
            return t;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.shutdownNow();
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        System.out.println();
        System.out.println("kvs-camera-agent demo is running: open " + demo.url() + " in a browser");
        System.out.println("  source: " + demo.source() + "; TURN relay: "
                + (demo.turnEnabled() ? "coturn on loopback" : "off (install coturn for the relay-only switch)"));
        System.out.println("  Ctrl-C stops everything the demo started.");
        ticker.scheduleAtFixedRate(() -> {
            try {
                System.out.println(demo.agent().statusLine());
            } catch (RuntimeException e) {
                System.out.println("status unavailable: " + e);
            }
        }, STATUS_EVERY_SECONDS, STATUS_EVERY_SECONDS, TimeUnit.SECONDS);
        stopped.await();
        return 0;
    }
}
