package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FrameFanoutTest {
    private static final long FRAME_90K = 3000;

    private final FakeTicker ticker = new FakeTicker();
    private final FrameFanout fanout = new FrameFanout(ticker);

    /** Picture n of a synthetic stream with an IDR every 30 pictures; the payload records n. */
    private static AccessUnit picture(int n) {
        boolean key = n % 30 == 0;
        byte[] slice = {(byte) (key ? 0x65 : 0x41), (byte) 0x88, (byte) (n >> 8), (byte) n};
        return AccessUnit.of(100_000 + n * FRAME_90K, key, List.of(slice));
    }

    private static int number(AccessUnit au) {
        byte[] b = au.nalBytes(au.nalCount() - 1);
        return (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private void publish(AccessUnit au) {
        fanout.publish(au);
        ticker.advanceNanos(33_333_333);
    }

    private static List<AccessUnit> drain(ViewerQueue v) {
        List<AccessUnit> out = new ArrayList<>();
        for (AccessUnit au; (au = v.poll()) != null; ) {
            out.add(au);
        }
        return out;
    }

    @Test
    void stalledViewerSkipsToNextIdrAndCountsDropsWhileOthersGetEveryPicture() {
        try (LogRecorder log = new LogRecorder(FrameFanout.class)) {
            ViewerQueue stalled = fanout.subscribe("stalled", 5);
            ViewerQueue healthy = fanout.subscribe("healthy", 5);
            List<Integer> healthyGot = new ArrayList<>();
            for (int n = 0; n < 60; n++) {
                publish(picture(n));
                drain(healthy).forEach(au -> healthyGot.add(number(au)));
            }
            // the stalled viewer wakes up, drains, and is back at the IDR of picture 60
            List<Integer> stalledGot = new ArrayList<>();
            drain(stalled).forEach(au -> stalledGot.add(number(au)));
            for (int n = 60; n < 90; n++) {
                publish(picture(n));
                drain(healthy).forEach(au -> healthyGot.add(number(au)));
                drain(stalled).forEach(au -> stalledGot.add(number(au)));
            }
            assertEquals(90, healthyGot.size());
            for (int n = 0; n < 90; n++) {
                assertEquals(n, healthyGot.get(n));
            }
            assertEquals(0, healthy.dropped());
            List<Integer> expected = new ArrayList<>(List.of(0, 1, 2, 3, 4));
            for (int n = 60; n < 90; n++) {
                expected.add(n);
            }
            assertEquals(expected, stalledGot, "queued pictures, then nothing until the next IDR it had room for");
            assertEquals(55, stalled.dropped(), "pictures 5..59, the IDR at 30 included (queue still full)");
            List<String> lines = log.matching("viewer stalled is too slow");
            // 55 drops over 1.8 s of stream time: at most one line a second
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("dropped 1 pictures"), lines.get(0));
            assertTrue(log.matching("viewer healthy").isEmpty());
        }
    }

    @Test
    void producerNeverWaitsForAStalledViewerOnRealThreads() throws Exception {
        FrameFanout realFanout = new FrameFanout(Ticker.system());
        ViewerQueue stalled = realFanout.subscribe("stalled", 3);
        ViewerQueue reader = realFanout.subscribe("reader", 3000);
        int total = 3000;
        List<Integer> got = new ArrayList<>();
        Thread consumer = new Thread(() -> {
            try {
                while (got.size() < total) {
                    AccessUnit au = reader.poll(Duration.ofSeconds(10));
                    if (au == null) {
                        return;
                    }
                    got.add(number(au));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-viewer");
        consumer.start();
        for (int n = 0; n < total; n++) {
            realFanout.publish(picture(n % 60000));
        }
        consumer.join(20_000);
        assertFalse(consumer.isAlive());
        assertEquals(total, got.size());
        for (int n = 0; n < total; n++) {
            assertEquals(n, got.get(n));
        }
        assertEquals(3, stalled.backlog());
        assertTrue(stalled.dropped() >= total - 3 - 100, "dropped " + stalled.dropped());
    }

    @Test
    void lateViewerStartsAtTheCachedIdrWithParameterSetsAndContiguousTimestamps() throws Exception {
        byte[] stream = Ffmpeg.testPattern("320x240", 2, "-threads", "1", "-profile:v", "baseline",
                "-preset", "ultrafast", "-bf", "0", "-x264-params", "aud=1");
        List<AccessUnit> aus = StreamUtil.accessUnits(stream);
        ViewerQueue early = fanout.subscribe("early");
        for (int i = 0; i < 45; i++) {
            publish(aus.get(i)); // one whole GOP, then the IDR at 30 and 14 pictures after it
        }
        assertEquals(45, drain(early).size());
        assertEquals(15, fanout.cachedPictures());
        assertEquals("42c00d", fanout.sps().orElseThrow().profileLevelId());

        ViewerQueue late = fanout.subscribe("late");
        assertEquals(15, late.backlog(), "the cached GOP is there at once, without waiting for the next IDR");
        List<AccessUnit> replayed = drain(late);
        assertEquals(15, replayed.size());
        AccessUnit first = replayed.get(0);
        assertTrue(first.keyframe());
        assertEquals(NalUnits.SPS, first.nalType(0));
        assertEquals(NalUnits.PPS, first.nalType(1));
        for (int i = 1; i < 15; i++) {
            assertEquals(FrameFanout.REPLAY_SPACING_90K,
                    replayed.get(i).timestamp90k() - replayed.get(i - 1).timestamp90k());
        }
        assertEquals(aus.get(44).timestamp90k(), replayed.get(14).timestamp90k(), "replay ends at the newest");
        publish(aus.get(45));
        AccessUnit live = late.poll();
        assertEquals(aus.get(45).timestamp90k(), live.timestamp90k(), "live pictures follow without a gap");
        assertFalse(live.keyframe());
    }

    @Test
    void keyframeRequestReplaysTheGopForThatViewerOnly() {
        ViewerQueue a = fanout.subscribe("a");
        ViewerQueue b = fanout.subscribe("b");
        for (int n = 0; n < 40; n++) {
            publish(picture(n));
        }
        List<AccessUnit> aFirst = drain(a);
        drain(b);
        long lastOut = aFirst.get(aFirst.size() - 1).timestamp90k();
        publish(picture(40));
        a.requestKeyframe();
        List<AccessUnit> answer = drain(a);
        // pictures 30..40: the cached GOP replaces what was queued, then live continues
        assertEquals(11, answer.size());
        assertEquals(30, number(answer.get(0)));
        assertTrue(answer.get(0).keyframe());
        assertEquals(40, number(answer.get(10)));
        long prev = lastOut;
        for (AccessUnit au : answer) {
            assertTrue(au.timestamp90k() > prev, "this viewer's timestamps keep increasing");
            prev = au.timestamp90k();
        }
        publish(picture(41));
        AccessUnit next = a.poll();
        assertEquals(41, number(next));
        assertTrue(next.timestamp90k() > prev);
        assertEquals(List.of(40, 41), drain(b).stream().map(FrameFanoutTest::number).toList(),
                "the other viewer just continues live");
    }

    @Test
    void restartedSourceMakesViewersWaitForTheNewIdr() {
        ViewerQueue v = fanout.subscribe("v");
        for (int n = 0; n < 10; n++) {
            publish(picture(n));
        }
        drain(v);
        fanout.discontinuity();
        assertEquals(0, fanout.cachedPictures());
        publish(picture(31)); // the new process's first picture is not an IDR
        assertNull(v.poll());
        ViewerQueue newcomer = fanout.subscribe("newcomer");
        assertEquals(0, newcomer.backlog());
        publish(picture(60));
        assertEquals(60, number(v.poll()));
        assertEquals(60, number(newcomer.poll()));
        assertEquals(0, v.dropped(), "waiting for an IDR after a restart is not the viewer's fault");
    }

    @Test
    void overlongGopIsNotCachedAndSaysSo() {
        try (LogRecorder log = new LogRecorder(FrameFanout.class)) {
            publish(picture(0));
            for (int n = 1; n <= FrameFanout.MAX_GOP_FRAMES; n++) {
                publish(AccessUnit.of(n * FRAME_90K, false, List.of(new byte[] {0x41, (byte) 0x88, 0, 1})));
            }
            assertEquals(0, fanout.cachedPictures());
            assertEquals(0, fanout.subscribe("late").backlog());
            assertEquals(1, log.matching("not cached").size());
        }
    }

    @Test
    void unsubscribeFreesTheQueue() {
        ViewerQueue v = fanout.subscribe("v");
        for (int n = 0; n < 10; n++) {
            publish(picture(n));
        }
        assertEquals(1, fanout.viewerCount());
        v.close();
        v.close();
        assertEquals(0, fanout.viewerCount());
        assertEquals(0, v.backlog());
        assertNull(v.poll());
        publish(picture(10));
        assertEquals(0, v.backlog());
    }
}
