package com.kvscamera.agent.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code capture.file}: loops an H.264 Annex B clip at a fixed frame rate, for demos and tests without a camera.
 * The clip is parsed once into pictures held in memory; pacing runs on the scheduler, timestamps advance exactly
 * one frame interval per picture and stay continuous across loops.
 */
public final class FileSource implements CaptureSource {
    /** The clip shipped in the jar (see clips/README.md for how it was made). */
    public static final String BUNDLED_CLIP = "clips/testpattern-640x480.h264";
    /** A {@code capture.file} value naming the bundled clip instead of a file on disk. */
    public static final String BUNDLED_NAME = "builtin:testpattern-640x480";
    /** The whole clip is kept in memory; a demo clip is a few hundred KB. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final String name;
    private final List<AccessUnit> pictures;
    private final int frameRate;
    private final MediaClock clock;
    private final Scheduler scheduler;

    private FileSource(String name, List<AccessUnit> pictures, int frameRate, MediaClock clock, Scheduler scheduler) {
        this.name = name;
        this.pictures = pictures;
        this.frameRate = frameRate;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Reads and checks {@code file} (the value of capture.file); {@link #BUNDLED_NAME} selects the bundled clip. */
    public static FileSource open(Path file, int frameRate, MediaClock clock, Scheduler scheduler) throws IOException {
        if (file.toString().equals(BUNDLED_NAME)) {
            return bundled(frameRate, clock, scheduler);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException("'capture.file' " + file + " does not exist");
        }
        if (size > MAX_FILE_BYTES) {
            throw new IOException("'capture.file' " + file + " is " + size + " bytes; the file source keeps the clip "
                    + "in memory and accepts at most " + MAX_FILE_BYTES);
        }
        return parse(file.toString(), Files.readAllBytes(file), frameRate, clock, scheduler);
    }

    /** The test clip bundled in the agent's jar. */
    public static FileSource bundled(int frameRate, MediaClock clock, Scheduler scheduler) throws IOException {
        try (InputStream in = FileSource.class.getClassLoader().getResourceAsStream(BUNDLED_CLIP)) {
            if (in == null) {
                throw new IOException("bundled clip " + BUNDLED_CLIP + " is missing from the class path");
            }
            return parse(BUNDLED_CLIP, in.readAllBytes(), frameRate, clock, scheduler);
        }
    }

    static FileSource parse(String name, byte[] data, int frameRate, MediaClock clock, Scheduler scheduler)
            throws IOException {
        if (frameRate < 1) {
            throw new IllegalArgumentException("'capture.frameRate' must be at least 1, got " + frameRate);
        }
        List<AccessUnit> pictures = new ArrayList<>();
        AnnexBReader reader = new AnnexBReader(new ByteArrayInputStream(data));
        // timestamps are assigned when playing, so any clock will do here
        AccessUnitAssembler assembler = new AccessUnitAssembler(new MediaClock(() -> 0L), pictures::add);
        try {
            for (byte[] nal; (nal = reader.next()) != null; ) {
                assembler.push(nal);
            }
        } catch (UnsupportedStreamException e) {
            throw new UnsupportedStreamException("'capture.file' " + name + ": " + e.getMessage());
        } catch (StreamFormatException e) {
            throw new StreamFormatException("'capture.file' " + name + ": " + e.getMessage());
        }
        assembler.flush();
        if (pictures.isEmpty()) {
            throw new StreamFormatException("'capture.file' " + name + " holds no H.264 pictures (Annex B expected)");
        }
        if (!pictures.get(0).keyframe()) {
            throw new StreamFormatException("'capture.file' " + name + " does not start with an IDR picture, "
                    + "so it cannot be looped");
        }
        return new FileSource(name, List.copyOf(pictures), frameRate, Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** Pictures in one loop of the clip. */
    public int pictureCount() {
        return pictures.size();
    }

    @Override
    public String describe() {
        return "file " + name + " at " + frameRate + " fps";
    }

    @Override
    public CaptureRun start(FrameSink sink) {
        Playback p = new Playback(sink);
        p.schedule();
        return p;
    }

    private final class Playback implements CaptureRun {
        private final FrameSink sink;
        private final CompletableFuture<CaptureEnd> ended = new CompletableFuture<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final long startNanos = scheduler.nanoTime();
        private final long baseTimestamp = clock.stamp();
        private long index; // only touched by the scheduled task, which never overlaps itself
        private volatile Scheduler.Scheduled next;

        Playback(FrameSink sink) {
            this.sink = sink;
        }

        void schedule() {
            long due = startNanos + index * 1_000_000_000L / frameRate;
            next = scheduler.schedule(java.time.Duration.ofNanos(Math.max(0, due - scheduler.nanoTime())), this::play);
        }

        private void play() {
            if (stopped.get()) {
                return;
            }
            try {
                AccessUnit au = pictures.get((int) (index % pictures.size()));
                // base was handed out by the clock itself, so the first picture goes one interval after it
                long ts = clock.next(baseTimestamp + (index + 1) * MediaClock.RATE / frameRate);
                sink.publish(au.withTimestamp(ts));
                index++;
                schedule();
            } catch (RuntimeException e) {
                if (stopped.compareAndSet(false, true)) {
                    ended.complete(new CaptureEnd("file playback failed: " + e, OptionalInt.empty(), List.of(), e));
                }
            }
        }

        @Override
        public CompletableFuture<CaptureEnd> ended() {
            return ended;
        }

        @Override
        public void stop(String reason) {
            if (stopped.compareAndSet(false, true)) {
                Scheduler.Scheduled n = next;
                if (n != null) {
                    n.cancel();
                }
                ended.complete(new CaptureEnd(reason, OptionalInt.empty(), List.of(), null));
            }
        }
    }
}
