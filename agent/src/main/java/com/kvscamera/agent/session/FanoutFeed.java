package com.kvscamera.agent.session;

import com.kvscamera.agent.media.AccessUnit;
import com.kvscamera.agent.media.FrameFanout;
import com.kvscamera.agent.media.Sps;
import com.kvscamera.agent.media.ViewerQueue;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link VideoFeed} over the media {@link FrameFanout}: each subscriber gets the fan-out's bounded queue and one
 * pump thread ({@code media-<viewer>}) that takes pictures from it and hands them to the session's sender, so a
 * slow viewer only ever backs up its own queue.
 */
public final class FanoutFeed implements VideoFeed {
    private static final Logger LOG = Logger.getLogger(FanoutFeed.class.getName());
    /** How long a pump waits for a picture before it looks at its closed flag again. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final FrameFanout fanout;

    public FanoutFeed(FrameFanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public Optional<String> profileLevelId() {
        return fanout.sps().map(Sps::profileLevelId);
    }

    @Override
    public Subscription subscribe(String viewerId, Consumer<AccessUnit> sink) {
        ViewerQueue queue = fanout.subscribe(viewerId);
        Pump pump = new Pump(queue, sink);
        Thread t = new Thread(pump, "media-" + (viewerId.length() > 24 ? viewerId.substring(0, 24) : viewerId));
        t.setDaemon(true);
        pump.thread = t;
        t.start();
        return pump;
    }

    private static final class Pump implements Runnable, Subscription {
        private final ViewerQueue queue;
        private final Consumer<AccessUnit> sink;
        private volatile boolean closed;
        private volatile Thread thread;

        Pump(ViewerQueue queue, Consumer<AccessUnit> sink) {
            this.queue = queue;
            this.sink = sink;
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    AccessUnit au = queue.poll(POLL);
                    if (au == null || closed) continue;
                    try {
                        sink.accept(au);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "viewer " + queue.name() + ": sending a picture failed", e);
                    }
                }
            } catch (InterruptedException e) {
                // close() interrupts a pump that is waiting for a picture
            } finally {
                queue.close();
            }
        }

        @Override
        public void requestKeyframe() {
            queue.requestKeyframe();
        }

        @Override
        public void close() {
            closed = true;
            queue.close();
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                t.interrupt();
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
