package com.kvscamera.agent.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpsParserTest {

    /**
     * x264 (ffmpeg 5.1, -profile:v high -preset medium, 1920x1080 at 25 fps): High profile, level 4.0, coded as
     * 1920x1088 with 8 lines cropped, and VUI timing info that holds two emulation-prevention bytes (00 00 03).
     */
    private static final String HIGH_1080P_SPS = "67640028acd940780227e5c044000003000400000300c83c60c658";

    @Test
    void knownHighProfileSpsWithCroppingAndEmulationPrevention() throws Exception {
        Sps sps = SpsParser.parse(StreamUtil.unhex(HIGH_1080P_SPS));
        assertEquals(100, sps.profileIdc());
        assertEquals(0x00, sps.constraintFlags());
        assertEquals(40, sps.levelIdc());
        assertEquals("640028", sps.profileLevelId());
        assertEquals(1, sps.chromaFormatIdc());
        assertEquals(1920, sps.width());
        assertEquals(1080, sps.height());
        assertTrue(sps.frameMbsOnly());
        // num_units_in_tick=1 and time_scale=50 are only read right if the 03 bytes are skipped
        assertEquals(25.0, sps.frameRate().orElseThrow(), 1e-9);
        assertFalse(sps.constrainedBaseline());
    }

    @ParameterizedTest(name = "{0} -> {1}x{2}, {3}")
    @CsvSource({
        "1280x720, 1280, 720, 42c01f",
        "640x480, 640, 480, 42c01e",
        "1366x768, 1366, 768, 42c020",
        "176x144, 176, 144, 42c00b",
    })
    void spsWrittenByFfmpeg(String size, int width, int height, String profileLevelId) throws Exception {
        byte[] stream = Ffmpeg.testPattern(size, 0.1, "-profile:v", "baseline", "-tune", "zerolatency",
                "-preset", "ultrafast");
        byte[] spsNal = StreamUtil.nals(stream).stream().filter(n -> NalUnits.type(n) == NalUnits.SPS)
                .findFirst().orElseThrow();
        Sps sps = SpsParser.parse(spsNal);
        assertEquals(width, sps.width());
        assertEquals(height, sps.height());
        assertEquals(profileLevelId, sps.profileLevelId());
        assertTrue(sps.constrainedBaseline());
        assertEquals(30.0, sps.frameRate().orElseThrow(), 1e-9);
    }

    @Test
    void mainProfileFromFfmpeg() throws Exception {
        byte[] stream = Ffmpeg.testPattern("320x240", 0.1, "-profile:v", "main", "-bf", "0");
        List<byte[]> nals = StreamUtil.nals(stream);
        Sps sps = SpsParser.parse(nals.stream().filter(n -> NalUnits.type(n) == NalUnits.SPS).findFirst()
                .orElseThrow());
        assertEquals(77, sps.profileIdc());
        assertTrue(sps.profileLevelId().startsWith("4d"), sps.profileLevelId());
        assertEquals(320, sps.width());
        assertEquals(240, sps.height());
    }

    @Test
    void readerSkipsEmulationPreventionBytes() throws Exception {
        // 00 00 03 01 carries the bits 00 00 01; a 03 not after two zeros is data
        RbspReader r = new RbspReader(new byte[] {0, 0, 3, 1, 3, 0, 0, 3, 0}, 0, 9, "test");
        assertEquals(0x000001, r.bits(24));
        assertEquals(0x03, r.u8());
        assertEquals(0x0000, r.bits(16));
        assertEquals(0x00, r.u8());
        StreamFormatException e = assertThrows(StreamFormatException.class, r::bit);
        assertTrue(e.getMessage().startsWith("test is truncated"), e.getMessage());
    }

    @Test
    void expGolombCodes() throws Exception {
        // 1 | 010 | 011 | 00100 | 00101 -> ue 0,1,2,3 and se(4) = -2
        RbspReader r = new RbspReader(new byte[] {(byte) 0b1010_0110, (byte) 0b0100_0010, (byte) 0b1000_0000},
                0, 3, "test");
        assertEquals(0, r.ue());
        assertEquals(1, r.ue());
        assertEquals(2, r.ue());
        assertEquals(3, r.ue());
        assertEquals(-2, r.se());
    }

    @Test
    void badInputIsAClearError() {
        StreamFormatException notSps = assertThrows(StreamFormatException.class,
                () -> SpsParser.parse(new byte[] {0x68, 1, 2, 3}));
        assertTrue(notSps.getMessage().contains("not an SPS"), notSps.getMessage());
        byte[] truncated = StreamUtil.unhex(HIGH_1080P_SPS.substring(0, 12));
        StreamFormatException cut = assertThrows(StreamFormatException.class, () -> SpsParser.parse(truncated));
        assertTrue(cut.getMessage().contains("SPS is truncated"), cut.getMessage());
    }
}
