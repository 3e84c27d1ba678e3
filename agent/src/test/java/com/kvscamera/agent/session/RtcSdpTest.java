package com.kvscamera.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.rtc.sdp.DtlsSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session's view of offers and answers, on the rtc module's real parser and answer builder. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RtcSdpTest {
    private final RtcSdp sdp = new RtcSdp(DtlsSetup.ACTIVE);
    private static final SdpPort.LocalDescription LOCAL = new SdpPort.LocalDescription("lUfr", "p".repeat(24),
            "sha-256 " + "0A:".repeat(31) + "0A", 0x89ABCDEFL, "cam", "kvscam", "video0");

    @Test
    void theWarmupOfferIsATrickleOfferThatAnswersWithH264() {
        SdpPort.ParsedOffer o = sdp.parse(SessionWarmup.OFFER);
        assertTrue(o.trickle());
        assertEquals("0", o.videoMid());
        assertFalse(o.dtlsServer(), "actpass is answered active: we are the DTLS client");
        SdpPort.Answer a = sdp.answer(o, "42e01f", LOCAL, List.of(), false);
        assertEquals(102, a.payloadType());
        assertTrue(a.sdp().contains("a=ice-options:trickle"), a.sdp());
        assertTrue(a.sdp().contains("a=ssrc:2309737967 cname:cam"), "SSRC written unsigned:\n" + a.sdp());
    }

    @Test
    void theAlexaOfferIsNonTrickleAndItsCompleteAnswerHoldsOurCandidates() throws Exception {
        SdpPort.ParsedOffer o = sdp.parse(Files.readString(Path.of("../../shared/fixtures/alexa-offer.sdp")));
        assertFalse(o.trickle());
        assertEquals("video0", o.videoMid());
        assertEquals(1, o.videoMLineIndex());
        String ours = "candidate:1 1 udp 2130706431 192.0.2.5 50000 typ host";
        SdpPort.Answer a = sdp.answer(o, "42e01f", LOCAL, List.of(ours), true);
        assertEquals(99, a.payloadType());
        assertTrue(a.sdp().contains("a=" + ours), a.sdp());
        assertTrue(a.sdp().contains("a=end-of-candidates"), a.sdp());
    }

    @Test
    void unusableOffersAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sdp.parse("hello"));
        assertTrue(e.getMessage().startsWith("malformed SDP: "), e.getMessage());
        String vp8Only = SessionWarmup.OFFER.replace("m=video 9 UDP/TLS/RTP/SAVPF 102 96", "m=video 9 UDP/TLS/RTP/SAVPF 96")
                .replaceAll("a=(rtpmap|rtcp-fb|fmtp):102[^\r]*\r\n", "");
        IllegalArgumentException noH264 = assertThrows(IllegalArgumentException.class, () -> sdp.parse(vp8Only));
        assertTrue(noH264.getMessage().startsWith("offer cannot be answered: "), noH264.getMessage());
        assertTrue(noH264.getMessage().contains("H.264"), noH264.getMessage());
    }

    /** Two video sections: the first offers VP8 only, so the second (H.264) is the one the answer accepts. */
    private static final String VP8_THEN_H264 = String.join("\r\n",
            "v=0", "o=- 7 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE a b",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:frst", "a=ice-pwd:firstfirstfirstfirstfirst", "a=ice-options:trickle",
            "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB", "a=setup:actpass",
            "a=mid:a", "a=recvonly", "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
            "m=video 9 UDP/TLS/RTP/SAVPF 102",
            "c=IN IP4 0.0.0.0",
            "a=candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host",
            "a=ice-ufrag:scnd", "a=ice-pwd:secondsecondsecondsecond", "a=ice-options:trickle",
            "a=fingerprint:sha-256 " + "CD:".repeat(31) + "CD", "a=setup:passive",
            "a=mid:b", "a=recvonly", "a=rtcp-mux",
            "a=rtpmap:102 H264/90000", "a=rtcp-fb:102 nack pli",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            "");

    @Test
    void aFirstVideoSectionWithoutH264IsSkippedAsTheAnswerSkipsIt() {
        SdpPort.ParsedOffer o = sdp.parse(VP8_THEN_H264, "42e01f");
        assertEquals("b", o.videoMid());
        assertEquals(1, o.videoMLineIndex());
        assertEquals("scnd", o.iceUfrag(), "the transport uses the accepted section's credentials");
        assertEquals("secondsecondsecondsecond", o.icePwd());
        assertTrue(o.fingerprint().contains("CD:CD"), o.fingerprint());
        assertTrue(o.dtlsServer() == false, "setup:passive is answered active");
        assertEquals(List.of("candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host"), o.candidates());
        SdpPort.Answer a = sdp.answer(o, "42e01f", LOCAL, List.of(), false);
        assertEquals(102, a.payloadType());
        assertTrue(a.sdp().contains("a=mid:b"), a.sdp());
    }

    @Test
    void aBundleOnlyVideoSectionOfAMaxBundleOfferIsAccepted() {
        // max-bundle: the audio section carries the transport, the video section is port 0 + a=bundle-only
        String offer = String.join("\r\n",
                "v=0", "o=- 8 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:bndl", "a=ice-pwd:bundlebundlebundlebundle", "a=ice-options:trickle",
                "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB", "a=setup:actpass",
                "a=mid:0", "a=recvonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
                "m=video 0 UDP/TLS/RTP/SAVPF 102",
                "c=IN IP4 0.0.0.0",
                "a=bundle-only",
                "a=mid:1", "a=recvonly",
                "a=rtpmap:102 H264/90000",
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "");
        SdpPort.ParsedOffer o = sdp.parse(offer, "42e01f");
        assertEquals("1", o.videoMid());
        assertEquals(1, o.videoMLineIndex());
        assertEquals("bndl", o.iceUfrag(), "credentials come from the BUNDLE-tagged section");
        SdpPort.Answer a = sdp.answer(o, "42e01f", LOCAL, List.of(), false);
        assertEquals(102, a.payloadType());
        assertTrue(a.sdp().contains("a=mid:1"), a.sdp());
    }
}
