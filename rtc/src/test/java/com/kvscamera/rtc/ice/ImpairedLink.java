package com.kvscamera.rtc.ice;

import com.kvscamera.rtc.net.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP middlebox on 127.0.0.1 between two agents that drops, duplicates and reorders datagrams with a
 * fixed seed. Side A talks to {@link #facingA()} believing it is B, and vice versa.
 */
final class ImpairedLink implements AutoCloseable {
    private final UdpEndpoint facingA;
    private final UdpEndpoint facingB;
    private final Random random;
    private final double loss;
    private final double duplicate;
    private final double reorder;
    private final ScheduledExecutorService delayer;
    private volatile InetSocketAddress realA;
    private volatile InetSocketAddress realB;
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger duplicated = new AtomicInteger();
    final AtomicInteger delayed = new AtomicInteger();

    ImpairedLink(long seed, double loss, double duplicate, double reorder, ScheduledExecutorService delayer)
            throws IOException {
        this.random = new Random(seed);
        this.loss = loss;
        this.duplicate = duplicate;
        this.reorder = reorder;
        this.delayer = delayer;
        UdpEndpoint[] b = new UdpEndpoint[1];
        this.facingA = UdpEndpoint.bind("127.0.0.1", 0, 0, "link-a", (d, len, from) -> {
            realA = from;
            forward(b[0], d, len, realB);
        });
        this.facingB = UdpEndpoint.bind("127.0.0.1", 0, 0, "link-b", (d, len, from) -> {
            realB = from;
            forward(facingA, d, len, realA);
        });
        b[0] = facingB;
    }

    /** Where B's traffic must go: the candidate address we hand to B in place of A's. */
    InetSocketAddress facingB() { return facingB.localAddress(); }
    InetSocketAddress facingA() { return facingA.localAddress(); }

    void setRealA(InetSocketAddress a) { realA = a; }
    void setRealB(InetSocketAddress b) { realB = b; }

    private void forward(UdpEndpoint out, byte[] d, int len, InetSocketAddress to) {
        if (to == null) return;
        byte[] copy = java.util.Arrays.copyOf(d, len);
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        if (r < loss) {
            dropped.incrementAndGet();
            return;
        }
        int copies = 1;
        if (r < loss + duplicate) {
            copies = 2;
            duplicated.incrementAndGet();
        }
        boolean late = r > 1 - reorder;
        for (int i = 0; i < copies; i++) {
            if (late) {
                delayed.incrementAndGet();
                delayer.schedule(() -> send(out, copy, to), 5 + (long) (r * 20), TimeUnit.MILLISECONDS);
            } else {
                send(out, copy, to);
            }
        }
    }

    private static void send(UdpEndpoint out, byte[] d, InetSocketAddress to) {
        try {
            out.send(d, 0, d.length, to);
        } catch (IOException e) {
            // the link is lossy anyway
        }
    }

    @Override
    public void close() {
        facingA.close();
        facingB.close();
    }
}
