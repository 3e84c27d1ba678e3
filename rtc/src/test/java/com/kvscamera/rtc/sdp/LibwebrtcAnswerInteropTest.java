package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.testkit.WebRtcViewer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real libwebrtc (webrtc-java 0.14.0, M139) offers; our parser reads them and libwebrtc's setRemoteDescription
 * accepts the answers we build. This is the SDP half of interop; media flow is proven by the session tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibwebrtcAnswerInteropTest {
    private static final byte[] CONSTRAINED_BASELINE_31 = {0x42, (byte) 0xe0, 0x1f};

    private static AnswerBuilder builder(DtlsSetup setup) {
        return new AnswerBuilder(new LocalTransport("Cam1", "abcdefghijklmnopqrstuvwx", AnswerBuilderTest.fingerprint(), setup),
                new LocalVideoTrack(0x12345678, "kvs-cam", "kvs-camera", "camera-video", CONSTRAINED_BASELINE_31), 77L);
    }

    private static final List<SdpCandidate> OURS = List.of(
            SdpCandidate.of("1", 1, "udp", 2122260223L, "127.0.0.1", 50000, "host", null, -1),
            new SdpCandidate("2", 1, "tcp", 1518280447L, "127.0.0.1", 50001, "host", null, -1, "passive", List.of()),
            SdpCandidate.of("3", 1, "udp", 41885439L, "127.0.0.1", 61000, "relay", "127.0.0.1", 50000));

    @Test
    void trickleOfferIsParsedAndOurImmediateAnswerIsAccepted() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(new WebRtcViewer.Options(true, false, List.of()))) {
            SessionDescription offer = SdpParser.parse(viewer.createOffer(false, Duration.ZERO));
            assertTrue(offer.canTrickleIce(), "libwebrtc always writes a=ice-options:trickle");
            assertEquals(List.of("video", "audio"), offer.media().stream().map(MediaDescription::type).toList());
            H264Choice choice = H264Choice.choose(offer.media().get(0), CONSTRAINED_BASELINE_31);
            assertEquals(H264Choice.Match.SAME_PROFILE, choice.match());
            assertEquals(List.of("nack", "nack pli", "ccm fir"), choice.rtcpFeedback());

            Answer answer = builder(DtlsSetup.ACTIVE).build(offer, List.of(), false);
            assertEquals(choice.payloadType(), answer.h264().payloadType());
            viewer.applyAnswer(answer.sdp());
        }
    }

    @Test
    void alexaStyleCompleteOfferGetsACompleteAnswerThatIsAccepted() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(new WebRtcViewer.Options(true, false, List.of()))) {
            String sdp = viewer.createOffer(true, Duration.ofSeconds(3));
            SessionDescription complete = SdpParser.parse(sdp);
            assertFalse(complete.media().get(0).candidates().isEmpty(), "gathered host candidates are in the offer");
            // what SendAlexaOfferToMaster callers send: a complete offer without trickle
            SessionDescription offer = SdpParser.parse(sdp.replace("a=ice-options:trickle\r\n", ""));
            assertFalse(offer.canTrickleIce());

            Answer answer = builder(DtlsSetup.ACTIVE).buildWithinLimit(offer, OURS, 10_000);
            assertTrue(answer.sdp().contains("a=end-of-candidates"));
            assertFalse(answer.sdp().contains("ice-options"));
            assertEquals(3, answer.candidates().size());
            viewer.applyAnswer(answer.sdp());
        }
    }

    @Test
    void passiveRoleIsAcceptedToo() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
            SessionDescription offer = SdpParser.parse(viewer.createOffer(false, Duration.ZERO));
            Answer answer = builder(DtlsSetup.PASSIVE).build(offer, OURS, true);
            assertEquals(DtlsSetup.PASSIVE, answer.setup());
            viewer.applyAnswer(answer.sdp());
        }
    }

    /** Control: the same check fails loudly when the answer breaks a rule libwebrtc enforces. */
    @Test
    void libwebrtcRejectsAnAnswerWithoutRtcpMux() throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
            SessionDescription offer = SdpParser.parse(viewer.createOffer(false, Duration.ZERO));
            String broken = builder(DtlsSetup.ACTIVE).build(offer, List.of(), false).sdp().replace("a=rtcp-mux\r\n", "");
            ExecutionException e = assertThrows(ExecutionException.class, () -> viewer.applyAnswer(broken));
            assertTrue(e.getCause().getMessage().toLowerCase().contains("rtcp"), e.getCause().getMessage());
        }
    }
}
