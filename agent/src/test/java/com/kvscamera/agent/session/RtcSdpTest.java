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
        SdpPort.ParsedOffer o = sdp.parse(vp8Only);
        IllegalArgumentException noH264 = assertThrows(IllegalArgumentException.class,
                () -> sdp.answer(o, "42e01f", LOCAL, List.of(), false));
        assertTrue(noH264.getMessage().contains("H.264"), noH264.getMessage());
    }
}
