package com.kvscamera.agent.media;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for what the capture delivered, plus the recent frame rate and bitrate (over the last
 * {@link #WINDOW}). Written by the producer thread, read from anywhere (status line, benchmarks).
 */
public final class CaptureStats {
    /** Long enough to smooth a GOP's keyframe burst, short enough to show a stall within seconds. */
    public static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int RING = 512; // > WINDOW at 240 fps

    /** @param fps pictures per second over the window; bitrate in bits per second over the window */
    public record Snapshot(long frames, long bytes, long keyframes, double fps, double bitrate) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d frames (%d key), %.1f fps, %.0f kbit/s",
                    frames, keyframes, fps, bitrate / 1000);
        }
    }

    private final Ticker ticker;
    private final LongAdder frames = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder keyframes = new LongAdder();
    private final long[] times = new long[RING];
    private final int[] sizes = new int[RING];
    private int head; // next slot; guarded by this
    private int count;

    public CaptureStats(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    public void record(AccessUnit au) {
        int size = au.byteSize();
        frames.increment();
        bytes.add(size);
        if (au.keyframe()) {
            keyframes.increment();
        }
        long now = ticker.nanoTime();
        synchronized (this) {
            times[head] = now;
            sizes[head] = size;
            head = (head + 1) % RING;
            count = Math.min(count + 1, RING);
        }
    }

    public Snapshot snapshot() {
        long now = ticker.nanoTime();
        long window = WINDOW.toNanos();
        int n = 0;
        long windowBytes = 0;
        synchronized (this) {
            for (int k = 1; k <= count; k++) {
                int i = (head - k + RING) % RING;
                if (now - times[i] > window) {
                    break;
                }
                n++;
                windowBytes += sizes[i];
            }
        }
        double seconds = window / 1e9;
        return new Snapshot(frames.sum(), bytes.sum(), keyframes.sum(), n / seconds, windowBytes * 8 / seconds);
    }
}
