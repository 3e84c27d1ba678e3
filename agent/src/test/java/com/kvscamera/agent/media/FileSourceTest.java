package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.testing.ManualScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileSourceTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final MediaClock clock = new MediaClock(scheduler);

    private static byte[] bundledBytes() throws IOException {
        try (InputStream in = FileSourceTest.class.getClassLoader().getResourceAsStream(FileSource.BUNDLED_CLIP)) {
            return in.readAllBytes();
        }
    }

    @Test
    void bundledClipIsWhatItsReadmeSays() throws Exception {
        byte[] bytes = bundledBytes();
        assertTrue(bytes.length < 300_000, "clip is " + bytes.length + " bytes");
        List<AccessUnit> aus = StreamUtil.accessUnits(bytes);
        assertEquals(120, aus.size(), "4 s at 30 fps");
        for (int i = 0; i < aus.size(); i++) {
            assertEquals(i % 30 == 0, aus.get(i).keyframe(), "IDR every 30 pictures");
        }
        Sps sps = SpsParser.parse(aus.get(0).nalBytes(0));
        assertEquals(640, sps.width());
        assertEquals(480, sps.height());
        assertEquals("42c01e", sps.profileLevelId());
        assertEquals(0, new AccessUnitAssembler(clock, au -> {}).parameterSetsInserted());
    }

    @Test
    void loopsAtTheFrameRateWithContinuousTimestamps() throws Exception {
        FileSource source = FileSource.open(Path.of(FileSource.BUNDLED_NAME), 30, clock, scheduler);
        assertEquals(120, source.pictureCount());
        List<AccessUnit> got = new ArrayList<>();
        CaptureRun run = source.start(got::add);
        scheduler.runDue();
        assertEquals(1, got.size(), "the first picture goes out at once");
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(151, got.size(), "30 per second, through the loop boundary at picture 120");
        for (int i = 1; i < got.size(); i++) {
            assertEquals(3000, got.get(i).timestamp90k() - got.get(i - 1).timestamp90k(), "at picture " + i);
        }
        assertTrue(got.get(120).keyframe(), "the loop starts over at the clip's IDR");
        assertEquals(NalUnits.SPS, got.get(120).nalType(0));
        run.stop("test over");
        assertEquals("test over", run.ended().getNow(null).reason());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(151, got.size(), "nothing after stop");
    }

    @Test
    void runsUnderTheSupervisorWithoutTrippingTheWatchdog() throws Exception {
        FrameFanout fanout = new FrameFanout(scheduler);
        ViewerQueue viewer = fanout.subscribe("v", 1000);
        CaptureSupervisor supervisor = new CaptureSupervisor(FileSource.bundled(25, clock, scheduler), fanout,
                Duration.ofSeconds(1), Duration.ofSeconds(5), scheduler, () -> 0.5);
        supervisor.start();
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(1, supervisor.starts());
        assertEquals(251, viewer.backlog());
        CaptureStats.Snapshot stats = supervisor.stats().snapshot();
        assertEquals(25.0, stats.fps(), 0.5);
        assertEquals(251, stats.frames());
        assertTrue(stats.keyframes() >= 8);
        assertTrue(stats.bitrate() > 100_000 && stats.bitrate() < 1_000_000, "bit rate " + stats.bitrate());
        supervisor.stop();
        scheduler.runDue();
        assertTrue(supervisor.stop().isDone());
    }

    @Test
    void clipsThatCannotLoopOrDoNotExistAreClearErrors(@TempDir Path dir) throws Exception {
        IOException missing = assertThrows(IOException.class,
                () -> FileSource.open(dir.resolve("nope.h264"), 30, clock, scheduler));
        assertTrue(missing.getMessage().startsWith("'capture.file' "), missing.getMessage());
        assertTrue(missing.getMessage().endsWith("does not exist"), missing.getMessage());

        // drop the first picture: the clip then starts with a P-frame
        List<byte[]> nals = StreamUtil.nals(bundledBytes());
        int secondAud = 1;
        while (NalUnits.type(nals.get(secondAud)) != NalUnits.AUD) {
            secondAud++;
        }
        Path noIdr = dir.resolve("no-idr.h264");
        Files.write(noIdr, StreamUtil.join(nals.subList(secondAud, nals.size())));
        StreamFormatException e = assertThrows(StreamFormatException.class,
                () -> FileSource.open(noIdr, 30, clock, scheduler));
        assertTrue(e.getMessage().contains("does not start with an IDR"), e.getMessage());

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        StreamFormatException empty = assertThrows(StreamFormatException.class,
                () -> FileSource.open(text, 30, clock, scheduler));
        assertTrue(empty.getMessage().contains("holds no H.264 pictures"), empty.getMessage());

        Path bframes = dir.resolve("bframes.h264");
        Files.write(bframes, Ffmpeg.testPattern("320x240", 1, "-profile:v", "main", "-bf", "2"));
        UnsupportedStreamException b = assertThrows(UnsupportedStreamException.class,
                () -> FileSource.open(bframes, 30, clock, scheduler));
        assertTrue(b.getMessage().startsWith("'capture.file' " + bframes + ": the H.264 stream contains B-frames"));
    }
}
