package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.net.PacketSender;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory one-way path with seeded loss, duplication and reordering. Reordering holds a datagram back
 * and releases it after the next one, so no timer is needed; a held datagram with no successor is lost,
 * which the DTLS retransmission must cover too.
 */
final class LossyLink implements PacketSender {
    private final PacketReceiver to;
    private final Random random;
    private final double loss;
    private final double duplicate;
    private final double reorder;
    private byte[] held;
    final AtomicInteger lost = new AtomicInteger();
    final AtomicInteger duplicated = new AtomicInteger();
    final AtomicInteger reordered = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();

    LossyLink(PacketReceiver to, long seed, double loss, double duplicate, double reorder) {
        this.to = to;
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
        if (held == null && random.nextDouble() < reorder) {
            held = copy;
            reordered.incrementAndGet();
            return;
        }
        deliver(copy);
        if (random.nextDouble() < duplicate) {
            duplicated.incrementAndGet();
            deliver(copy);
        }
        if (held != null) {
            byte[] h = held;
            held = null;
            deliver(h);
        }
    }

    private void deliver(byte[] d) {
        delivered.incrementAndGet();
        to.onPacket(d, 0, d.length);
    }
}
