package com.kvscamera.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.emulator.TurnServerInfo;
import com.kvscamera.emulator.turn.TurnCredentials;
import com.kvscamera.testkit.WebRtcViewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 6, tests 2 and 3: Alexa-style non-trickle offers sent with the AWS SDK's SendAlexaOfferToMaster get one
 * complete answer, connect and decode, also when the viewer is forced through coturn; the real Alexa offer gets an
 * answer Echo Show can use.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlexaE2ETest {
    private static AgentHarness h;
    private static AlexaSkill skill;

    @BeforeAll
    static void start() throws Exception {
        h = AgentHarness.start(true, "");
        skill = new AlexaSkill(h.emulator, AgentHarness.CHANNEL, AgentHarness.SECRET);
    }

    @AfterAll
    static void stop() {
        if (skill != null) skill.close();
        if (h != null) h.close();
    }

    /** Echo Show offers carry no a=ice-options:trickle; neither does this one. */
    static String withoutTrickle(String sdp) {
        return sdp.replaceAll("(?m)^a=ice-options:[^\r\n]*\r?\n", "");
    }

    private void connectsAndDecodes(String clientId, WebRtcViewer.Options options) throws Exception {
        try (WebRtcViewer viewer = new WebRtcViewer(options)) {
            String offer = withoutTrickle(viewer.createOffer(true, Duration.ofSeconds(3)));
            assertFalse(offer.contains("ice-options:trickle"));
            if (options.relayOnly()) {
                assertTrue(offer.contains(" typ relay") && !offer.contains(" typ host"),
                        "the viewer offers only its coturn relay:\n" + offer);
            }
            long candidatesSentBefore = h.agent.signaling().status().candidatesSent();
            AlexaSkill.Answer answer = skill.sendOffer(clientId, offer);
            String sdp = answer.sdp();
            assertTrue(sdp.contains("a=candidate:"), "complete answer holds candidates:\n" + sdp);
            assertTrue(sdp.contains("a=end-of-candidates"), sdp);
            assertFalse(sdp.contains("a=ice-options:trickle"), "a non-trickle offer gets a non-trickle answer");
            viewer.applyAnswer(sdp);
            long t0 = System.nanoTime();
            assertTrue(viewer.awaitFrames(30, Duration.ofSeconds(20)), "decoded " + viewer.framesDecoded() + " frames");
            long firstFrames = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(AgentHarness.WIDTH, viewer.frameWidth());
            assertEquals(AgentHarness.HEIGHT, viewer.frameHeight());
            assertEquals(candidatesSentBefore, h.agent.signaling().status().candidatesSent(),
                    "no ICE_CANDIDATE may be sent to a non-trickle peer");
            System.out.printf("%s: SendAlexaOfferToMaster round trip %d ms, answer %d chars, %d candidates,"
                            + " answer applied -> 30 frames %d ms%n", clientId, answer.millis(), answer.payload().length(),
                    count(sdp, "a=candidate:"), firstFrames);
        }
    }

    @Test
    void nonTrickleOfferGetsACompleteAnswerConnectsAndDecodes() throws Exception {
        connectsAndDecodes("alexa-direct", WebRtcViewer.Options.videoOnly());
    }

    @Test
    void nonTrickleViewerForcedThroughCoturnConnectsAndDecodes() throws Exception {
        TurnServerInfo turn = h.emulator.turn().orElseThrow();
        TurnCredentials creds = TurnCredentials.issue(turn.sharedSecret(), Duration.ofMinutes(5), "viewer",
                Clock.systemUTC());
        WebRtcViewer.Server server = new WebRtcViewer.Server(
                List.of("turn:127.0.0.1:" + turn.udpPort() + "?transport=udp"), creds.username(), creds.password());
        connectsAndDecodes("alexa-relay", new WebRtcViewer.Options(false, true, List.of(server)));
    }

    @Test
    void realAlexaOfferGetsAnAnswerEchoShowCanUse() throws Exception {
        String offer = Files.readString(Path.of("../../shared/fixtures/alexa-offer.sdp"));
        AlexaSkill.Answer answer = skill.sendOffer("alexa-fixture", offer);
        String sdp = answer.sdp();
        assertTrue(answer.payload().length() <= 10_000, "payload " + answer.payload().length() + " chars");
        assertTrue(sdp.contains("a=mid:audio0"), "audio m-line echoed (rejected):\n" + sdp);
        assertTrue(sdp.contains("a=mid:video0"), sdp);
        assertTrue(sdp.contains("m=audio 0 "), "audio is rejected until supported:\n" + sdp);
        assertTrue(sdp.contains("a=group:BUNDLE video0"), sdp);
        Matcher m = Pattern.compile("(?m)^m=video 9 \\S+ (\\d+)\r?$").matcher(sdp);
        assertTrue(m.find(), sdp);
        assertEquals("99", m.group(1));
        assertTrue(sdp.contains("a=rtpmap:99 H264/90000"), sdp);
        assertTrue(Pattern.compile("(?m)^a=fmtp:99 .*packetization-mode=1").matcher(sdp).find(), sdp);
        assertTrue(sdp.contains("a=sendonly"), sdp);
        assertTrue(sdp.contains("a=candidate:"), sdp);
        assertTrue(sdp.contains("a=end-of-candidates"), sdp);
        System.out.printf("alexa fixture: answer in %d ms, payload %d chars, %d candidates%n", answer.millis(),
                answer.payload().length(), count(sdp, "a=candidate:"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
