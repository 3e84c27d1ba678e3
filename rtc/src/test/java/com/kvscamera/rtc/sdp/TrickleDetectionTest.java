package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The KVS C SDK rule: "ice-options" anywhere whose value contains "trickle" (case-sensitive strstr). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrickleDetectionTest {

    private static String offer(String session, String audio, String video) {
        return "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + session
                + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n" + audio
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n" + video;
    }

    static Stream<Arguments> table() {
        String t = "a=ice-options:trickle\r\n";
        return Stream.of(
                Arguments.of("none (Alexa)", offer("", "", ""), false),
                Arguments.of("session level (RFC 8840, Firefox)", offer(t, "", ""), true),
                Arguments.of("video level (Chrome)", offer("", "", t), true),
                Arguments.of("only in the audio section", offer("", t, ""), true),
                Arguments.of("with renomination", offer("", "", "a=ice-options:trickle renomination\r\n"), true),
                Arguments.of("renomination first", offer("a=ice-options:renomination trickle\r\n", "", ""), true),
                Arguments.of("other option only", offer("a=ice-options:ice2\r\n", "", ""), false),
                Arguments.of("upper case value (strstr is case-sensitive)", offer("a=ice-options:TRICKLE\r\n", "", ""), false),
                Arguments.of("different attribute name", offer("a=ice-option:trickle\r\n", "", ""), false),
                Arguments.of("flag without value", offer("a=ice-options\r\n", "", ""), false),
                Arguments.of("substring as C matches it", offer("a=ice-options:notrickle\r\n", "", ""), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void detection(String name, String sdp, boolean trickle) throws SdpException {
        assertEquals(trickle, SdpParser.parse(sdp).canTrickleIce());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtures(String file, boolean trickle) {
        assertEquals(trickle, Offers.parse(file).canTrickleIce());
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("alexa-offer.sdp", false),
                Arguments.of("alexa-offer-legacy.sdp", false),
                Arguments.of("chromium-156-offer.sdp", true),
                Arguments.of("chrome-offer.sdp", true),
                Arguments.of("firefox-offer.sdp", true),
                Arguments.of("kvs-js-viewer-offer.sdp", true),
                Arguments.of("kvs-c-viewer-offer.sdp", true),
                Arguments.of("libwebrtc-m139-offer.sdp", true));
    }
}
