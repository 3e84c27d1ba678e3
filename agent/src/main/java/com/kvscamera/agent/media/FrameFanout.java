package com.kvscamera.agent.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer, many viewers: every published picture is offered to each viewer's bounded queue without ever
 * blocking the producer, and the current GOP (latest IDR and everything after it) is kept so that a new viewer, or
 * one that lost a picture, starts decoding at once instead of waiting up to a GOP for the next IDR.
 *
 * <p>A short lock makes "snapshot the GOP cache and register" atomic against {@link #publish}, so a new viewer gets
 * every picture exactly once; nothing slow happens under it (offers never wait, logging happens after release).
 */
public final class FrameFanout implements FrameSink {
    /** A GOP longer than this (10 s at 30 fps) is not cached: a replay that long would be a burst, not a start. */
    public static final int MAX_GOP_FRAMES = 300;
    /** Bounds what the cache pins in memory on a Pi; a 2 s GOP at 4 Mbit/s is about 1 MB. */
    public static final long MAX_GOP_BYTES = 8L * 1024 * 1024;
    /** Two seconds at 30 fps: a viewer further behind than that is better served by skipping to the next IDR. */
    public static final int DEFAULT_VIEWER_CAPACITY = 60;
    /** Time between replayed pictures in a viewer's timeline: 1 ms, so a replay plays out at once, in order. */
    public static final long REPLAY_SPACING_90K = MediaClock.RATE / 1000;
    static final long DROP_LOG_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private static final Logger LOG = LoggerFactory.getLogger(FrameFanout.class);

    private final Ticker ticker;
    private final Object lock = new Object();
    private final List<AccessUnit> gop = new ArrayList<>();
    private long gopBytes;
    private boolean gopValid;
    private boolean gopOverflowLogged;
    private final CopyOnWriteArrayList<ViewerQueue> viewers = new CopyOnWriteArrayList<>();
    private volatile Sps sps;

    public FrameFanout(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Adds a viewer. Its queue already holds the cached GOP (first picture an IDR with SPS/PPS) when the cache has
     * one; otherwise the viewer's first picture will be the next IDR.
     *
     * @param name     for log lines, e.g. the viewer's client id
     * @param capacity pictures the viewer may fall behind before it skips to the next IDR
     */
    public ViewerQueue subscribe(String name, int capacity) {
        ViewerQueue v = new ViewerQueue(name, capacity, this);
        synchronized (lock) {
            if (gopValid && !gop.isEmpty()) {
                v.loadReplay(List.copyOf(gop));
            } else {
                v.awaitKeyframe();
            }
            viewers.add(v);
        }
        return v;
    }

    public ViewerQueue subscribe(String name) {
        return subscribe(name, DEFAULT_VIEWER_CAPACITY);
    }

    void unsubscribe(ViewerQueue v) {
        viewers.remove(v);
    }

    public int viewerCount() {
        return viewers.size();
    }

    /** Profile, level and size of the stream, known from the first keyframe on. */
    public Optional<Sps> sps() {
        return Optional.ofNullable(sps);
    }

    /** Pictures now in the GOP cache (0 when it holds no IDR). */
    public int cachedPictures() {
        synchronized (lock) {
            return gopValid ? gop.size() : 0;
        }
    }

    @Override
    public void publish(AccessUnit au) {
        long now = ticker.nanoTime();
        List<String> logLines = null;
        synchronized (lock) {
            boolean overflowed = cache(au);
            if (overflowed && !gopOverflowLogged) {
                gopOverflowLogged = true;
                logLines = new ArrayList<>();
                logLines.add("GOP longer than " + MAX_GOP_FRAMES + " pictures or " + MAX_GOP_BYTES
                        + " bytes: not cached, new viewers wait for the next IDR; configure a shorter IDR period");
            }
            for (ViewerQueue v : viewers) {
                String line = v.offer(au, now);
                if (line != null) {
                    if (logLines == null) {
                        logLines = new ArrayList<>();
                    }
                    logLines.add(line);
                }
            }
        }
        if (logLines != null) {
            logLines.forEach(LOG::warn);
        }
    }

    /** The source restarted: drop the cache and let every viewer resume at the new stream's first IDR. */
    @Override
    public void discontinuity() {
        synchronized (lock) {
            gop.clear();
            gopBytes = 0;
            gopValid = false;
            for (ViewerQueue v : viewers) {
                v.awaitKeyframe();
            }
        }
    }

    /** Called by a viewer's consumer thread to answer its keyframe request: the live queue restarts at the cache. */
    void replayTo(ViewerQueue v) {
        synchronized (lock) {
            if (gopValid && !gop.isEmpty()) {
                v.clearLive();
                v.loadReplay(List.copyOf(gop));
            }
        }
    }

    /** Returns true when this picture made the cache overflow. */
    private boolean cache(AccessUnit au) {
        if (au.keyframe()) {
            gop.clear();
            gop.add(au);
            gopBytes = au.byteSize();
            gopValid = true;
            updateSps(au);
            return false;
        }
        if (!gopValid) {
            return false;
        }
        if (gop.size() >= MAX_GOP_FRAMES || gopBytes + au.byteSize() > MAX_GOP_BYTES) {
            gop.clear();
            gopBytes = 0;
            gopValid = false;
            return true;
        }
        gop.add(au);
        gopBytes += au.byteSize();
        return false;
    }

    private void updateSps(AccessUnit au) {
        for (int i = 0; i < au.nalCount(); i++) {
            if (au.nalType(i) == NalUnits.SPS) {
                try {
                    sps = SpsParser.parse(au.nalBytes(i));
                } catch (StreamFormatException e) {
                    // keep the previous value; the assembler has already refused unparsable SPS
                }
                return;
            }
        }
    }
}
