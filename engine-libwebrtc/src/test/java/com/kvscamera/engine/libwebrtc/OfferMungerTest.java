package com.kvscamera.engine.libwebrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OfferMungerTest {
    private static final String CHROME_LIKE = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 106 107", "c=IN IP4 0.0.0.0", "a=mid:0",
            "a=rtpmap:96 VP8/90000", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
            "a=rtpmap:102 H264/90000",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f",
            "a=rtpmap:103 H264/90000",
            "a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f",
            "a=rtpmap:106 H264/90000",
            "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            "a=rtpmap:107 rtx/90000", "a=fmtp:107 apt=106", "");

    @Test
    void h264ConstrainedBaselineModeOneGoesFirst() {
        String out = OfferMunger.preferH264(CHROME_LIKE);
        assertTrue(out.contains("\r\nm=video 9 UDP/TLS/RTP/SAVPF 106 96 97 102 103 107\r\n"), out);
        assertEquals(CHROME_LIKE.length(), out.length(), "only the order changes");
    }

    @Test
    void anotherModeOneProfileIsTakenWhen42e01fIsMissing() {
        String offer = CHROME_LIKE.replace("profile-level-id=42e01f\r\na=rtpmap:107", "profile-level-id=64001f\r\na=rtpmap:107");
        assertTrue(OfferMunger.preferH264(offer).contains("m=video 9 UDP/TLS/RTP/SAVPF 103 96"));
    }

    @Test
    void anEchoShowOfferWithABareH264IsKept() {
        // the video section of shared/fixtures/alexa-offer.sdp: one H.264 payload type, no fmtp
        String alexa = String.join("\r\n", "v=0", "o=- 3911343731 3911343731 IN IP4 0.0.0.0", "s=a 2 z",
                "t=0 0", "m=video 1 UDP/TLS/RTP/SAVPF 99", "b=AS:2500", "a=setup:actpass", "a=rtpmap:99 H264/90000",
                "a=rtcp-mux", "a=sendrecv", "a=mid:video0", "");
        assertEquals(alexa, OfferMunger.preferH264(alexa));
    }

    @Test
    void anOfferWithoutH264IsRefusedWithTheReason() {
        String vp8Only = "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OfferMunger.preferH264(vp8Only))
                .getMessage().contains("offers no H.264"));
        assertThrows(IllegalArgumentException.class, () -> OfferMunger.preferH264("v=0\r\n"));
    }

    @Test
    void frameSizeComesFromTheCommandOrTheOverride() {
        assertArrayEquals(new int[] {1280, 720}, EngineOptions.frameSize(
                List.of("ffmpeg", "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=30", "-f", "rawvideo", "-"), null));
        assertArrayEquals(new int[] {640, 480}, EngineOptions.frameSize(List.of("cam"), "640x480"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EngineOptions.frameSize(List.of("cam", "-"), null))
                .getMessage().contains("capture.command"));
    }
}
