package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnnexBReaderTest {

    /** Random NAL payloads that, like real ones, never contain 00 00 0x (x<=3) and never end in 00. */
    private static List<byte[]> randomNals(Random rnd, int count) {
        List<byte[]> nals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int len = 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(200_000) : rnd.nextInt(2_000));
            byte[] n = new byte[len];
            n[0] = (byte) (1 + rnd.nextInt(23));
            for (int j = 1; j < len; j++) {
                n[j] = (byte) rnd.nextInt(256);
                if (j >= 2 && n[j - 1] == 0 && n[j - 2] == 0 && (n[j] & 0xff) <= 3) {
                    n[j] = 3; // what an encoder's emulation prevention does
                }
            }
            if (n[len - 1] == 0) {
                n[len - 1] = (byte) 0x80;
            }
            nals.add(n);
        }
        return nals;
    }

    @Test
    void splitsOnThreeAndFourByteStartCodesWhateverTheReadBoundaries() throws IOException {
        Random rnd = new Random(20261121L);
        List<byte[]> nals = randomNals(rnd, 400);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(new byte[] {0x12, 0x34, 0}); // garbage before the first start code is discarded
        boolean firstLong = false;
        for (byte[] n : nals) {
            boolean longCode = rnd.nextBoolean();
            firstLong |= n == nals.get(0) && longCode;
            s.writeBytes(longCode ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
            s.writeBytes(n);
            if (rnd.nextInt(8) == 0) {
                s.writeBytes(new byte[1 + rnd.nextInt(3)]); // trailing_zero_8bits
            }
        }
        byte[] stream = s.toByteArray();
        for (int maxChunk : new int[] {1, 2, 3, 7, 100, 70_000}) {
            AnnexBReader r = new AnnexBReader(StreamUtil.chunked(stream, maxChunk, maxChunk));
            for (int i = 0; i < nals.size(); i++) {
                byte[] got = r.next();
                assertArrayEquals(nals.get(i), got, "NAL " + i + " with reads of at most " + maxChunk + " bytes");
            }
            assertNull(r.next());
            assertNull(r.next(), "end of stream stays end of stream");
            assertEquals(stream.length, r.bytesRead());
            assertEquals(firstLong ? 4 : 3, r.discardedBytes(), "bytes before the first 00 00 01");
        }
    }

    @Test
    void realEncoderOutputSplitsTheSameInOneReadOrManySmallOnes() throws Exception {
        byte[] stream = Ffmpeg.testPattern("320x240", 1, "-profile:v", "baseline", "-bf", "0",
                "-x264-params", "aud=1");
        List<byte[]> whole = StreamUtil.nals(stream);
        AnnexBReader r = new AnnexBReader(StreamUtil.chunked(stream, 7L, 1500));
        List<byte[]> chunked = new ArrayList<>();
        for (byte[] n; (n = r.next()) != null; ) {
            chunked.add(n);
        }
        assertEquals(whole.size(), chunked.size());
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i), chunked.get(i));
        }
        assertEquals(NalUnits.AUD, NalUnits.type(whole.get(0)));
        assertEquals(NalUnits.SPS, NalUnits.type(whole.get(1)));
        // re-joining with 4-byte start codes gives back the stream ffmpeg wrote (it uses 00 00 00 01 first,
        // 00 00 01 later), so compare by NAL content, not bytes
        assertEquals(whole.size(), StreamUtil.nals(StreamUtil.join(whole)).size());
    }

    @Test
    void oversizedNalIsAnErrorNamingTheLimit() {
        byte[] stream = new byte[100_000];
        stream[2] = 1;
        for (int i = 3; i < stream.length; i++) {
            stream[i] = (byte) 0x55;
        }
        AnnexBReader r = new AnnexBReader(new ByteArrayInputStream(stream), 65_536);
        StreamFormatException e = assertThrows(StreamFormatException.class, r::next);
        assertTrue(e.getMessage().contains("65536-byte limit"), e.getMessage());
    }

    @Test
    void streamWithoutStartCodeYieldsNothing() throws IOException {
        AnnexBReader r = new AnnexBReader(new ByteArrayInputStream("not h264 at all".getBytes()));
        assertNull(r.next());
        assertEquals(15, r.discardedBytes());
        assertNull(new AnnexBReader(new ByteArrayInputStream(new byte[0])).next());
    }

    @Test
    void logsParseThroughputOfALargeStream() throws Exception {
        byte[] clip = Ffmpeg.testPattern("1280x720", 2, "-profile:v", "baseline", "-bf", "0", "-b:v", "8M",
                "-preset", "ultrafast", "-x264-params", "aud=1");
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        while (big.size() < 32 * 1024 * 1024) {
            big.writeBytes(clip);
        }
        byte[] stream = big.toByteArray();
        long best = Long.MAX_VALUE;
        int pictures = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            int[] count = {0};
            AccessUnitAssembler a = new AccessUnitAssembler(new MediaClock(System::nanoTime), au -> count[0]++);
            AnnexBReader r = new AnnexBReader(new ByteArrayInputStream(stream));
            for (byte[] n; (n = r.next()) != null; ) {
                a.push(n);
            }
            a.flush();
            best = Math.min(best, System.nanoTime() - t0);
            pictures = count[0];
        }
        assertEquals(60 * (stream.length / clip.length), pictures);
        System.out.printf("AnnexBReader+AccessUnitAssembler: %d MB, %d pictures, %.0f MB/s (best of 3)%n",
                stream.length >> 20, pictures, stream.length / 1e6 / (best / 1e9));
    }
}
