package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.net.PacketSender;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory one-way path with seeded loss, duplication and reordering. A reordered datagram is delayed by
 * 1-20 ms on the test's scheduler, so it overtakes nothing if nothing follows it, as on a real path; the random
 * decisions come from the seed, the interleaving with the DTLS threads' timers does not.
 */
final class LossyLink implements PacketSender {
    private final PacketReceiver to;
    private final Random random;
    private final double loss;
    private final double duplicate;
    private final double reorder;
    private final ScheduledExecutorService delays;
    final AtomicInteger lost = new AtomicInteger();
    final AtomicInteger duplicated = new AtomicInteger();
    final AtomicInteger reordered = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();

    LossyLink(PacketReceiver to, long seed, double loss, double duplicate, double reorder,
              ScheduledExecutorService delays) {
        this.to = to;
        this.delays = delays;
        this.random = new Random(seed);
        this.loss = loss;
        this.duplicate = duplicate;
        this.reorder = reorder;
    }

    @Override
    public synchronized void send(byte[] data, int off, int len) {
        byte[] copy = Arrays.copyOfRange(data, off, off + len);
        if (random.nextDouble() < loss) {
            lost.incrementAndGet();
            return;
        }
        if (random.nextDouble() < reorder) {
            reordered.incrementAndGet();
            delays.schedule(() -> deliver(copy), 1 + random.nextInt(20), TimeUnit.MILLISECONDS);
            return;
        }
        deliver(copy);
        if (random.nextDouble() < duplicate) {
            duplicated.incrementAndGet();
            deliver(copy);
        }
    }

    private synchronized void deliver(byte[] d) {
        delivered.incrementAndGet();
        to.onPacket(d, 0, d.length);
    }
}
