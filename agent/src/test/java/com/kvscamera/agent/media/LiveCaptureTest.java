package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live ffmpeg test pattern of deployment-notes §D through the whole capture path, in real time. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveCaptureTest {
    static final List<String> FFMPEG_LIVE = List.of("ffmpeg", "-hide_banner", "-nostdin", "-v", "error",
            "-re", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=30", "-c:v", "libx264", "-threads", "1",
            "-profile:v", "baseline", "-tune", "zerolatency", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-g", "30", "-x264-params", "aud=1", "-f", "h264", "-");

    @Test
    void livePatternReachesViewersAtThirtyFramesPerSecond() throws Exception {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                r -> new Thread(r, "capture-supervisor"));
        Scheduler scheduler = Scheduler.of(executor);
        FrameFanout fanout = new FrameFanout(scheduler);
        ViewerQueue viewer = fanout.subscribe("live", 300);
        CaptureSupervisor supervisor = new CaptureSupervisor(
                new CaptureProcess(FFMPEG_LIVE, new MediaClock(scheduler), scheduler), fanout,
                Duration.ofSeconds(5), Duration.ofSeconds(1), scheduler, Math::random);
        try {
            supervisor.start();
            AccessUnit first = viewer.poll(Duration.ofSeconds(20));
            assertNotNull(first, "no picture within 20 s");
            assertTrue(first.keyframe());
            assertEquals(NalUnits.SPS, first.nalType(0));
            assertEquals(NalUnits.PPS, first.nalType(1));
            Sps sps = fanout.sps().orElseThrow();
            assertEquals(1280, sps.width());
            assertEquals(720, sps.height());
            assertEquals("42c01f", sps.profileLevelId());

            long windowNanos = Duration.ofSeconds(3).toNanos();
            long start = System.nanoTime();
            int count = 0;
            long lastTs = first.timestamp90k();
            while (System.nanoTime() - start < windowNanos) {
                AccessUnit au = viewer.poll(Duration.ofMillis(100));
                if (au != null) {
                    assertTrue(au.timestamp90k() > lastTs);
                    lastTs = au.timestamp90k();
                    count++;
                }
            }
            CaptureStats.Snapshot stats = supervisor.stats().snapshot();
            System.out.println("live ffmpeg 1280x720: " + count + " pictures in 3 s; " + stats
                    + "; first picture " + first.byteSize() + " B");
            assertTrue(count >= 60 && count <= 120, count + " pictures in 3 s, expected about 90");
            assertTrue(stats.fps() > 20 && stats.fps() < 40, "fps " + stats.fps());
            assertEquals(1, supervisor.starts());
            assertEquals(0, viewer.dropped());
        } finally {
            supervisor.close();
            executor.shutdownNow();
        }
    }
}
