package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class H264ChoiceTest {

    static byte[] plid(String hex) {
        return H264Profile.parseProfileLevelId(hex);
    }

    private static MediaDescription video(String file) {
        for (MediaDescription m : Offers.parse(file).media()) if (m.isVideo()) return m;
        throw new AssertionError("no video in " + file);
    }

    static Stream<Arguments> profiles() {
        return Stream.of(
                // libwebrtc kProfilePatterns, row by row
                Arguments.of("42e01f", H264Profile.CONSTRAINED_BASELINE),
                Arguments.of("42c01e", H264Profile.CONSTRAINED_BASELINE),
                Arguments.of("4d801f", H264Profile.CONSTRAINED_BASELINE),
                Arguments.of("4d401f", H264Profile.MAIN),
                Arguments.of("58c01f", H264Profile.CONSTRAINED_BASELINE),
                Arguments.of("42001f", H264Profile.BASELINE),
                Arguments.of("42801f", H264Profile.BASELINE),
                Arguments.of("58801f", H264Profile.BASELINE),
                Arguments.of("4d001f", H264Profile.MAIN),
                Arguments.of("4d0028", H264Profile.MAIN),
                Arguments.of("640028", H264Profile.HIGH),
                Arguments.of("640c1f", H264Profile.CONSTRAINED_HIGH),
                Arguments.of("f4001f", H264Profile.PREDICTIVE_HIGH_444),
                Arguments.of("42e11f", null), // reserved low bits set
                Arguments.of("6e001f", null)); // High 10: not a WebRTC profile
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("profiles")
    void classifiesLikeLibwebrtc(String hex, H264Profile expected) {
        assertEquals(expected, H264Profile.of(plid(hex)));
    }

    static Stream<Arguments> chromeChoices() {
        return Stream.of(
                Arguments.of("42e01f", 108, H264Choice.Match.SAME_PROFILE), // pm=1 CB (102 is Baseline, 104/114 pm=0)
                Arguments.of("42c028", 108, H264Choice.Match.SAME_PROFILE), // x264/rpicam CB at level 4.0
                Arguments.of("42001f", 102, H264Choice.Match.SAME_PROFILE), // encoder labels baseline
                Arguments.of("4d0028", 116, H264Choice.Match.SAME_PROFILE), // main
                Arguments.of("640c1f", 122, H264Choice.Match.SAME_PROFILE), // constrained high (Google Chrome)
                Arguments.of("640028", 122, H264Choice.Match.COMPATIBLE_PROFILE)); // high
    }

    @ParameterizedTest(name = "stream {0} -> pt {1}")
    @MethodSource("chromeChoices")
    void chromeOffer(String ours, int pt, H264Choice.Match match) throws SdpException {
        H264Choice c = H264Choice.choose(video("chrome-offer.sdp"), plid(ours));
        assertEquals(pt, c.payloadType());
        assertEquals(match, c.match());
        assertEquals(ours, c.answerProfileLevelId());
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=" + ours, c.answerFmtp());
        assertEquals(List.of("nack", "nack pli", "ccm fir"), c.rtcpFeedback(), "goog-remb and transport-cc are not echoed");
    }

    @Test
    void constrainedBaselineAcceptsTheBaselineFamilyWhenThatIsAllThereIs() throws SdpException {
        String sdp = "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 100 101\r\na=rtpmap:100 H264/90000\r\n"
                + "a=fmtp:100 packetization-mode=0;profile-level-id=42e01f\r\na=rtpmap:101 h264/90000\r\n"
                + "a=fmtp:101 packetization-mode=1;profile-level-id=42001f\r\na=rtcp-fb:* nack\r\n";
        H264Choice c = H264Choice.choose(SdpParser.parse(sdp).media().get(0), plid("42e01f"));
        assertEquals(101, c.payloadType());
        assertEquals(H264Choice.Match.COMPATIBLE_PROFILE, c.match());
        assertEquals(H264Profile.BASELINE, c.matchedOfferProfile());
        assertEquals(List.of("nack"), c.rtcpFeedback(), "wildcard rtcp-fb applies");
    }

    @Test
    void alexaWithoutFmtpIsAnsweredWithOurProfileAndModeOne() throws SdpException {
        H264Choice c = H264Choice.choose(video("alexa-offer.sdp"), plid("42e01f"));
        assertEquals(99, c.payloadType());
        assertEquals(H264Choice.Match.NO_FMTP, c.match());
        assertNull(c.matchedOfferProfile());
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", c.answerFmtp());
    }

    @Test
    void firefoxAndKvsViewers() throws SdpException {
        assertEquals(126, H264Choice.choose(video("firefox-offer.sdp"), plid("42e01f")).payloadType());
        H264Choice c = H264Choice.choose(video("kvs-c-viewer-offer.sdp"), plid("42e01f"));
        assertEquals(125, c.payloadType());
        assertEquals(List.of("nack"), c.rtcpFeedback());
        assertEquals(108, H264Choice.choose(video("kvs-js-viewer-offer.sdp"), plid("42e01f")).payloadType());
        MediaDescription lw = video("libwebrtc-m139-offer.sdp");
        assertEquals(109, H264Choice.choose(lw, plid("42e01f")).payloadType());
        assertEquals(103, H264Choice.choose(lw, plid("42001f")).payloadType());
        assertEquals(117, H264Choice.choose(lw, plid("4d0032")).payloadType());
        assertThrows(SdpException.class, () -> H264Choice.choose(lw, plid("640c1f")), "M139 in webrtc-java offers no High");
    }

    @Test
    void fmtpWithoutProfileMeansConstrainedBaselineAndWithoutModeMeansModeZero() throws SdpException {
        String noProfile = "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 100\r\na=rtpmap:100 H264/90000\r\na=fmtp:100 packetization-mode=1\r\n";
        assertEquals(H264Profile.CONSTRAINED_BASELINE,
                H264Choice.choose(SdpParser.parse(noProfile).media().get(0), plid("42e01f")).matchedOfferProfile());
        String noMode = "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 100\r\na=rtpmap:100 H264/90000\r\na=fmtp:100 profile-level-id=42e01f\r\n";
        SdpException e = assertThrows(SdpException.class, () -> H264Choice.choose(SdpParser.parse(noMode).media().get(0), plid("42e01f")));
        assertEquals(2, e.lineNumber());
        assertTrue(e.rule().contains("100 42e01f pm=0"), e.rule());
    }

    @Test
    void noMatchIsAClearErrorOnTheMLine() {
        MediaDescription ff = video("firefox-offer.sdp");
        SdpException e = assertThrows(SdpException.class, () -> H264Choice.choose(ff, plid("4d0028")));
        assertEquals(ff.lineNumber(), e.lineNumber());
        assertEquals("no offered H.264 payload type has packetization-mode=1 and a profile matching our stream (4d0028, MAIN); "
                + "offered: 126 42e01f pm=1, 97 42e01f pm=0", e.rule());
    }

    @Test
    void offerWithoutH264AndUnknownOwnProfile() throws SdpException {
        String vp8 = "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n";
        MediaDescription m = SdpParser.parse(vp8).media().get(0);
        SdpException e = assertThrows(SdpException.class, () -> H264Choice.choose(m, plid("42e01f")));
        assertTrue(e.rule().startsWith("offer has no H.264/90000 payload type"));
        SdpException f = assertThrows(SdpException.class, () -> H264Choice.choose(video("chrome-offer.sdp"), plid("6e0028")));
        assertTrue(f.rule().contains("6e0028"), f.rule());
    }
}
