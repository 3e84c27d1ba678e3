package com.kvscamera.rtc.rtp;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Token-bucket pacing for one viewer's packets, so that a 100 KB keyframe leaves as a stream over a few
 * milliseconds instead of one burst that overflows a Wi-Fi queue or the receiver's socket buffer.
 *
 * <p>The pacer does no scheduling itself: the owner (the viewer's single media thread) calls {@link #offer}
 * for each packet, then {@link #drain}; {@code drain} hands out every packet that is due and returns how long
 * to wait before calling it again, which the owner turns into one {@code schedule(drain, delay)} on its
 * scheduler. Time comes from an injected nanosecond clock, so tests advance it by hand.
 *
 * <p>The bucket may go into debt by one packet: a packet is released whenever the balance is positive, so
 * packets larger than the burst size never starve. Not thread-safe.
 *
 * @param <T> whatever the owner queues (a packet buffer, or an index into its access unit)
 */
public final class PacketPacer<T> {
    /** 20 MB/s (160 Mbit/s): a 100 KB keyframe takes about 5 ms, roughly one packet every 60 us. */
    public static final long DEFAULT_BYTES_PER_SECOND = 20_000_000L;
    /** Ten full packets may leave back to back, which covers a whole P-frame at camera bitrates. */
    public static final int DEFAULT_BURST_BYTES = 12_000;
    public static final int DEFAULT_MAX_QUEUED = 2048;

    private final LongSupplier nanoClock;
    private final long bytesPerSecond;
    private final long burstBytes;
    private final int maxQueued;
    private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
    private double tokens;
    private long lastRefillNanos;
    private long sent;
    private long dropped;

    public PacketPacer(LongSupplier nanoClock) {
        this(nanoClock, DEFAULT_BYTES_PER_SECOND, DEFAULT_BURST_BYTES, DEFAULT_MAX_QUEUED);
    }

    public PacketPacer(LongSupplier nanoClock, long bytesPerSecond, int burstBytes, int maxQueued) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("bytesPerSecond must be > 0, got " + bytesPerSecond);
        if (burstBytes <= 0) throw new IllegalArgumentException("burstBytes must be > 0, got " + burstBytes);
        if (maxQueued <= 0) throw new IllegalArgumentException("maxQueued must be > 0, got " + maxQueued);
        this.nanoClock = nanoClock;
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.maxQueued = maxQueued;
        this.tokens = burstBytes;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    /**
     * Queues a packet. Returns false (and counts a drop) when the queue is full; the caller should then treat
     * the viewer as too slow and skip to the next keyframe.
     */
    public boolean offer(T packet, int sizeBytes) {
        if (queue.size() >= maxQueued) {
            dropped++;
            return false;
        }
        queue.addLast(new Entry<>(packet, sizeBytes));
        return true;
    }

    /**
     * Releases every packet that is due now, in order.
     *
     * @return nanoseconds until the next packet is due, or -1 when the queue is empty
     */
    public long drain(Consumer<? super T> sink) {
        refill();
        while (!queue.isEmpty() && tokens > 0) {
            Entry<T> e = queue.pollFirst();
            tokens -= e.size();
            sent++;
            sink.accept(e.packet());
        }
        if (queue.isEmpty()) return -1;
        // time until the balance is positive again
        double deficit = -tokens + 1;
        return Math.max(1, (long) Math.ceil(deficit * 1e9 / bytesPerSecond));
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefillNanos;
        lastRefillNanos = now;
        if (elapsed > 0) {
            tokens = Math.min(burstBytes, tokens + elapsed * (bytesPerSecond / 1e9));
        }
    }

    /** Drops everything queued (for example when the viewer skips to the next keyframe). */
    public void clear() {
        dropped += queue.size();
        queue.clear();
    }

    public int queued() {
        return queue.size();
    }

    public long sentCount() {
        return sent;
    }

    public long droppedCount() {
        return dropped;
    }

    private record Entry<T>(T packet, int size) {
    }
}
