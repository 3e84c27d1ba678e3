package com.kvscamera.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.session.SessionSettings;
import com.kvscamera.testkit.WebRtcViewer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Echo Show's deadline when the TURN server hangs: the ICE configuration still lists it (its credentials are
 * valid), but nothing answers there (coturn is frozen with SIGSTOP: the emulator would restart a killed one). The complete answer must still leave within the gather timeout, holding the
 * candidates that were gathered, and the viewer must connect on them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TurnDownE2ETest {

    @Test
    void aNonTrickleOfferIsAnsweredWithinTheGatherTimeoutWhenTurnIsUnreachable() throws Exception {
        try (AgentHarness h = AgentHarness.start(true, "");
             AlexaSkill skill = new AlexaSkill(h.emulator, AgentHarness.CHANNEL, AgentHarness.SECRET)) {
            h.await("ICE configuration with TURN", Duration.ofSeconds(10),
                    () -> h.agent.signaling().iceConfig().map(c -> !c.turnServers().isEmpty()).orElse(false));
            List<ProcessHandle> coturn = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("turnserver")).toList();
            assertEquals(1, coturn.size(), "the emulator's coturn");
            signal("STOP", coturn.get(0));
            try (WebRtcViewer viewer = new WebRtcViewer(WebRtcViewer.Options.videoOnly())) {
                String offer = AlexaE2ETest.withoutTrickle(viewer.createOffer(true, Duration.ofSeconds(3)));
                AlexaSkill.Answer answer = skill.sendOffer("alexa-turn-down", offer);
                System.out.printf("TURN unreachable: SendAlexaOfferToMaster round trip %d ms (gather timeout %d ms)%n",
                        answer.millis(), SessionSettings.DEFAULT_GATHER_TIMEOUT.toMillis());
                assertTrue(answer.millis() < SessionSettings.DEFAULT_GATHER_TIMEOUT.toMillis() + 1000,
                        "answer took " + answer.millis() + " ms");
                assertTrue(answer.sdp().contains(" typ host"), answer.sdp());
                assertFalse(answer.sdp().contains(" typ relay"), "no relay could be allocated:\n" + answer.sdp());
                viewer.applyAnswer(answer.sdp());
                assertTrue(viewer.awaitFrames(30, Duration.ofSeconds(20)), "decoded " + viewer.framesDecoded());
            } finally {
                signal("CONT", coturn.get(0)); // let the emulator stop it normally
            }
        }
    }

    private static void signal(String name, ProcessHandle p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + p.pid());
    }
}
