package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccessUnitAssemblerTest {

    private static int slices(AccessUnit au) {
        int n = 0;
        for (int i = 0; i < au.nalCount(); i++) {
            n += NalUnits.isVcl(au.nalType(i)) ? 1 : 0;
        }
        return n;
    }

    /** 2 s at 30 fps, GOP 30: 60 pictures, 2 of them IDRs, whatever the slicing and AUD settings. */
    @ParameterizedTest(name = "threads={0}, aud={1} -> {2} slice(s) per picture")
    @CsvSource({"1, 1, 1", "2, 1, 2", "1, 0, 1", "2, 0, 2"})
    void groupsSlicesIntoPictures(int threads, int aud, int slicesPerPicture) throws Exception {
        byte[] stream = Ffmpeg.testPattern("320x240", 2, "-threads", Integer.toString(threads),
                "-profile:v", "baseline", "-tune", "zerolatency", "-preset", "ultrafast", "-bf", "0",
                "-x264-params", "aud=" + aud);
        long audsInStream = StreamUtil.nals(stream).stream().filter(n -> NalUnits.type(n) == NalUnits.AUD).count();
        assertEquals(aud == 1 ? 60 : 0, audsInStream);

        List<AccessUnit> aus = StreamUtil.accessUnits(stream);
        assertEquals(60, aus.size());
        for (int i = 0; i < aus.size(); i++) {
            AccessUnit au = aus.get(i);
            assertEquals(slicesPerPicture, slices(au), "slices in picture " + i + ": " + au);
            assertEquals(i % 30 == 0, au.keyframe(), "keyframe flag of picture " + i);
            for (int k = 0; k < au.nalCount(); k++) {
                assertTrue(au.nalType(k) != NalUnits.AUD, "AUDs are dropped");
            }
            if (au.keyframe()) {
                assertEquals(NalUnits.SPS, au.nalType(0));
                assertEquals(NalUnits.PPS, au.nalType(1));
            }
            if (i > 0) {
                long delta = au.timestamp90k() - aus.get(i - 1).timestamp90k();
                assertTrue(Math.abs(delta - 3000) <= 1, "1/30 s apart at 90 kHz, got " + delta);
            }
        }
    }

    @Test
    void putsParameterSetsBackBeforeEveryIdrThatLacksThem() throws Exception {
        byte[] stream = Ffmpeg.testPattern("320x240", 3, "-threads", "1", "-profile:v", "baseline",
                "-preset", "ultrafast", "-bf", "0");
        List<byte[]> nals = StreamUtil.nals(stream);
        byte[] sps = nals.stream().filter(n -> NalUnits.type(n) == NalUnits.SPS).findFirst().orElseThrow();
        byte[] pps = nals.stream().filter(n -> NalUnits.type(n) == NalUnits.PPS).findFirst().orElseThrow();
        // an encoder without repeat-headers: parameter sets only at the very start
        List<byte[]> stripped = new ArrayList<>();
        boolean seenIdr = false;
        for (byte[] n : nals) {
            int t = NalUnits.type(n);
            seenIdr |= t == NalUnits.IDR;
            if (!(seenIdr && (t == NalUnits.SPS || t == NalUnits.PPS))) {
                stripped.add(n);
            }
        }
        assertEquals(4, nals.size() - stripped.size(), "setup: the second and third IDR lost their SPS and PPS");
        FakeTicker ticker = new FakeTicker();
        List<AccessUnit> aus = new ArrayList<>();
        AccessUnitAssembler a = new AccessUnitAssembler(new MediaClock(ticker), aus::add);
        for (byte[] n : stripped) {
            a.push(n);
            ticker.advanceNanos(1_000_000);
        }
        a.flush();
        assertEquals(90, aus.size());
        int keyframes = 0;
        for (AccessUnit au : aus) {
            if (!au.keyframe()) {
                continue;
            }
            keyframes++;
            assertArrayEquals(sps, au.nalBytes(0), "SPS first");
            assertArrayEquals(pps, au.nalBytes(1), "then PPS");
            int idr = -1;
            for (int k = 0; k < au.nalCount(); k++) {
                if (au.nalType(k) == NalUnits.IDR) {
                    idr = k;
                    break;
                }
            }
            assertTrue(idr > 1, "IDR after the parameter sets: " + au);
        }
        assertEquals(3, keyframes);
        assertEquals(4, a.parameterSetsInserted(), "SPS+PPS for the second and third IDR");
        assertEquals(320, a.sps().orElseThrow().width());
    }

    @Test
    void refusesBFramesWithAnActionableMessage() throws Exception {
        byte[] stream = Ffmpeg.testPattern("320x240", 1, "-profile:v", "main", "-bf", "2", "-preset", "ultrafast");
        UnsupportedStreamException e = assertThrows(UnsupportedStreamException.class,
                () -> StreamUtil.accessUnits(stream));
        assertTrue(e.getMessage().contains("B-frames"), e.getMessage());
        assertTrue(e.getMessage().contains("-bf 0"), e.getMessage());
        assertTrue(e.getMessage().contains("--profile baseline"), e.getMessage());
        assertTrue(e.getMessage().contains("bframes=0"), e.getMessage());
    }

    @Test
    void timestampsComeFromArrivalAndNeverGoBackwards() throws Exception {
        byte[] stream = Ffmpeg.testPattern("160x120", 1, "-threads", "1", "-profile:v", "baseline", "-bf", "0",
                "-x264-params", "aud=1");
        List<byte[]> nals = StreamUtil.nals(stream);
        FakeTicker ticker = new FakeTicker();
        MediaClock clock = new MediaClock(ticker);
        List<AccessUnit> aus = new ArrayList<>();
        AccessUnitAssembler a = new AccessUnitAssembler(clock, aus::add);
        int pictures = 0;
        for (byte[] n : nals) {
            if (NalUnits.type(n) == NalUnits.AUD) {
                // bursty arrival: pictures 10..19 arrive all at the same instant
                if (pictures < 10 || pictures >= 20) {
                    ticker.advanceNanos(40_000_000);
                }
                pictures++;
            }
            a.push(n);
        }
        a.flush();
        assertEquals(30, aus.size());
        assertEquals(3600, aus.get(1).timestamp90k() - aus.get(0).timestamp90k(), "40 ms");
        for (int i = 1; i < aus.size(); i++) {
            assertTrue(aus.get(i).timestamp90k() > aus.get(i - 1).timestamp90k(), "strictly increasing at " + i);
        }
        assertEquals(1, aus.get(12).timestamp90k() - aus.get(11).timestamp90k(), "same instant: one tick later");
    }

    /**
     * Without AUDs a picture's last NAL unit is complete only when the next picture arrives, while an IDR's SPS is
     * complete at once; stamping on completion would put each IDR a frame early. Stamping on arrival keeps the
     * spacing even.
     */
    @Test
    void picturesAreStampedWhenTheyArriveNotWhenTheyComplete() throws Exception {
        byte[] stream = Ffmpeg.testPattern("160x120", 2, "-threads", "1", "-profile:v", "baseline", "-bf", "0",
                "-preset", "ultrafast");
        List<byte[]> chunks = new ArrayList<>();
        for (AccessUnit au : StreamUtil.accessUnits(stream)) {
            List<byte[]> nals = new ArrayList<>();
            for (int i = 0; i < au.nalCount(); i++) {
                nals.add(au.nalBytes(i));
            }
            chunks.add(StreamUtil.join(nals)); // one write per picture, as an encoder does
        }
        FakeTicker ticker = new FakeTicker();
        java.io.InputStream camera = new java.io.InputStream() {
            int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == chunks.size()) {
                    return -1;
                }
                ticker.advanceNanos(40_000_000); // 25 fps
                byte[] c = chunks.get(next++);
                System.arraycopy(c, 0, b, off, c.length);
                return c.length;
            }
        };
        MediaClock clock = new MediaClock(ticker);
        List<AccessUnit> aus = new ArrayList<>();
        AccessUnitAssembler a = new AccessUnitAssembler(clock, aus::add);
        AnnexBReader r = new AnnexBReader(camera, AnnexBReader.DEFAULT_MAX_NAL_SIZE, clock.ticker());
        for (byte[] n; (n = r.next()) != null; ) {
            a.push(n, r.arrivalNanos());
        }
        a.flush();
        assertEquals(60, aus.size());
        for (int i = 1; i < aus.size(); i++) {
            assertEquals(3600, aus.get(i).timestamp90k() - aus.get(i - 1).timestamp90k(), "at picture " + i);
        }
    }

    @Test
    void corruptInputIsAClearError() {
        AccessUnitAssembler a = new AccessUnitAssembler(new MediaClock(new FakeTicker()), au -> {});
        StreamFormatException e = assertThrows(StreamFormatException.class,
                () -> a.push(new byte[] {(byte) 0xff, 1, 2}));
        assertTrue(e.getMessage().contains("forbidden_zero_bit"), e.getMessage());
        assertFalse(a.sps().isPresent());
    }
}
