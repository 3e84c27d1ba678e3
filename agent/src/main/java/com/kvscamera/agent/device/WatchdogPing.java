package com.kvscamera.agent.device;

import com.kvscamera.agent.media.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends WATCHDOG=1 from the signaling control thread: {@link #tick()} is scheduled on that thread's own scheduler, so
 * a control loop that is stuck (blocked task, deadlock, dead thread) stops the pings and systemd restarts the agent.
 * Capture takes part through its frame counter: when no picture arrived for {@link #CAPTURE_STALL_LIMIT} the pings
 * stop as well. An independent timer thread would keep pinging through both failures, which is why there is none.
 */
public final class WatchdogPing {
    private static final Logger LOG = Logger.getLogger(WatchdogPing.class.getName());
    /**
     * Long enough for the capture supervisor's own remedies (restart after capture.frameTimeout, backoff capped at
     * capture.restartBackoffMax = 30 s by default) to work several times before the whole agent is restarted.
     */
    public static final Duration CAPTURE_STALL_LIMIT = Duration.ofMinutes(2);

    private final Notifier notifier;
    private final LongSupplier framesDelivered;
    private final Ticker ticker;
    private final long stallLimitNanos;
    // only touched by the control thread, but volatile so that status readers see it
    private volatile long lastFrames;
    private volatile long lastProgressNanos;
    private volatile boolean withholding;
    private volatile long pings;

    /**
     * @param framesDelivered total pictures the capture delivered so far (CaptureStats.snapshot().frames())
     */
    public WatchdogPing(Notifier notifier, LongSupplier framesDelivered, Ticker ticker, Duration stallLimit) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.framesDelivered = Objects.requireNonNull(framesDelivered, "framesDelivered");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.stallLimitNanos = stallLimit.toNanos();
        this.lastFrames = framesDelivered.getAsLong();
        this.lastProgressNanos = ticker.nanoTime();
    }

    /** Runs on the signaling control thread every ping interval; never throws (that would cancel the periodic task). */
    public void tick() {
        try {
            long now = ticker.nanoTime();
            long frames = framesDelivered.getAsLong();
            if (frames != lastFrames) {
                lastFrames = frames;
                lastProgressNanos = now;
            }
            long stalled = now - lastProgressNanos;
            if (stalled > stallLimitNanos) {
                if (!withholding) {
                    withholding = true;
                    LOG.severe("capture delivered no picture for " + Duration.ofNanos(stalled).toSeconds()
                            + " s: withholding systemd watchdog pings so that the agent is restarted");
                }
                return;
            }
            if (withholding) {
                withholding = false;
                LOG.info("capture delivers pictures again: watchdog pings resumed");
            }
            notifier.send("WATCHDOG=1");
            pings++;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "watchdog tick failed", e);
        }
    }

    public long pings() {
        return pings;
    }

    public boolean withholding() {
        return withholding;
    }
}
