package com.kvscamera.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WSS relay between a master and viewers, with the real frame shapes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalingRelayTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    KvsEmulator emu;
    final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("cam1").createChannel("cam2").build());
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        emu.close();
    }

    WsClient master(String channel) {
        WsClient c = WsClient.connect(emu.presignMaster(channel));
        clients.add(c);
        return c;
    }

    WsClient viewer(String channel, String id) {
        WsClient c = WsClient.connect(emu.presignViewer(channel, id));
        clients.add(c);
        return c;
    }

    @Test
    void offerAnswerAndCandidatesAreRelayedWithTheRealFrameShapes() throws Exception {
        WsClient master = master("cam1");
        WsClient viewer = viewer("cam1", "viewer-1");
        String offer = Frames.offerPayload("v=0\\r\\n");
        viewer.send(Frames.js("SDP_OFFER", null, offer, null));
        assertEquals("{\"messagePayload\":\"" + offer + "\",\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"viewer-1\"}",
                master.next(WAIT));

        String answer = Frames.answerPayload("v=0\\r\\n");
        master.send(Frames.c("SDP_ANSWER", "viewer-1", answer, "ans-1"));
        assertEquals("{\"messagePayload\":\"" + answer + "\",\"messageType\":\"SDP_ANSWER\"}", viewer.next(WAIT));

        // Android writes URL-safe unpadded base64; it is accepted and passed through verbatim
        String urlSafe = "eyJjYW5kaWRhdGUiOiJjYW5kaWRhdGU6MSAxIHVkcCAyMTMwNzA2NDMxIDEyNy4wLjAuMSA1MDAwMCB0eXAgaG9zdCJ9";
        viewer.send("{\"action\":\"ICE_CANDIDATE\",\"messagePayload\":\"" + urlSafe + "\",\"senderClientId\":\"\"}");
        JsonNode cand = JSON.readTree(master.next(WAIT));
        assertEquals("ICE_CANDIDATE", cand.get("messageType").asText());
        assertEquals(urlSafe, cand.get("messagePayload").asText());
        master.send(Frames.js("ICE_CANDIDATE", "viewer-1", Frames.b64("{\"candidate\":\"candidate:2\"}"), null));
        assertEquals("ICE_CANDIDATE", JSON.readTree(viewer.next(WAIT)).get("messageType").asText());

        EmulatorState.ChannelState s = emu.state().channel("cam1").orElseThrow();
        assertTrue(s.masterConnected());
        assertEquals(1, s.masterConnections());
        assertEquals(1, s.viewers());
        assertEquals(1, s.offers());
        assertEquals(1, s.answers());
        assertEquals(2, s.candidates());
        assertEquals(0, emu.state().channel("cam2").orElseThrow().offers(), "channels are isolated");
    }

    @Test
    void failedSendWithCorrelationIdGetsStatusResponseAndWithoutItNothing() throws Exception {
        WsClient master = master("cam1");
        WsClient viewer = viewer("cam1", "v1");
        master.send(Frames.js("SDP_ANSWER", "nobody", Frames.answerPayload("x"), "corr-7"));
        JsonNode status = JSON.readTree(master.next(WAIT));
        assertEquals("STATUS_RESPONSE", status.get("messageType").asText());
        assertEquals("corr-7", status.at("/statusResponse/correlationId").asText());
        assertEquals("400", status.at("/statusResponse/statusCode").asText());
        assertTrue(status.at("/statusResponse/statusCode").isTextual(), "statusCode is a string on the wire");
        assertTrue(status.at("/statusResponse/description").asText().contains("nobody"));

        master.send(Frames.js("SDP_ANSWER", "nobody", Frames.answerPayload("x"), null));
        // the next frame the master sees is the viewer's offer: nothing was sent for the failed send
        viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("y"), null));
        assertEquals("SDP_OFFER", JSON.readTree(master.next(WAIT)).get("messageType").asText());
    }

    @Test
    void everyBadFrameGetsAnErrorAndConnectionsCarryOn() throws Exception {
        WsClient master = master("cam1");
        WsClient viewer = viewer("cam1", "v1");
        WsClient bystander = viewer("cam1", "v2");
        String ok = Frames.offerPayload("ok");
        String[][] cases = {
                {"{not json", "Malformed JSON"},
                {"[1,2]", "JSON object"},
                {"{\"messagePayload\":\"" + ok + "\"}", "no 'action'"},
                {"{\"action\":\"SDP_BOGUS\",\"messagePayload\":\"" + ok + "\"}", "Unknown action 'SDP_BOGUS'"},
                {"{\"action\":\"SDP_OFFER\"}", "messagePayload is required"},
                {"{\"action\":\"SDP_OFFER\",\"messagePayload\":\"" + "A".repeat(10_004) + "\"}", "the limit is 10000"},
                {"{\"action\":\"SDP_OFFER\",\"messagePayload\":\"%%%not base64%%%\"}", "not base64"},
                {"{\"action\":\"SDP_OFFER\",\"messagePayload\":42}", "must be a string"},
        };
        for (String[] c : cases) {
            viewer.send(c[0]);
            JsonNode err = JSON.readTree(viewer.next(WAIT));
            assertTrue(err.get("message").asText().contains(c[1]), c[0] + " -> " + err);
            assertTrue(err.has("connectionId") && err.has("requestId"), "API Gateway error shape: " + err);
        }
        // with a correlationId the same refusal comes back as STATUS_RESPONSE
        viewer.send("{\"action\":\"SDP_OFFER\",\"messagePayload\":\"@@@\",\"correlationId\":\"c-9\"}");
        JsonNode status = JSON.readTree(viewer.next(WAIT));
        assertEquals("STATUS_RESPONSE", status.get("messageType").asText());
        assertEquals("InvalidArgumentException", status.at("/statusResponse/errorType").asText());

        viewer.sendBinary(new byte[] {1, 2, 3});
        assertTrue(JSON.readTree(viewer.next(WAIT)).get("message").asText().contains("Binary frames"));

        master.send(Frames.js("SDP_ANSWER", null, Frames.answerPayload("a"), "c-10"));
        assertTrue(JSON.readTree(master.next(WAIT)).at("/statusResponse/description").asText()
                .contains("recipientClientId is required"));

        // nothing was relayed, nothing crashed, and every connection still works
        assertEquals(0, emu.state().channel("cam1").orElseThrow().offers());
        viewer.send(Frames.js("SDP_OFFER", null, ok, null));
        assertEquals("v1", JSON.readTree(master.next(WAIT)).get("senderClientId").asText());
        bystander.send(Frames.js("SDP_OFFER", null, ok, null));
        assertEquals("v2", JSON.readTree(master.next(WAIT)).get("senderClientId").asText());
        master.send(Frames.js("SDP_ANSWER", "v2", Frames.answerPayload("a"), null));
        assertEquals("SDP_ANSWER", JSON.readTree(bystander.next(WAIT)).get("messageType").asText());
    }

    @Test
    void mostRecentMasterWins() throws Exception {
        WsClient first = master("cam1");
        WsClient second = master("cam1");
        WsClient viewer = viewer("cam1", "v1");
        viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
        assertEquals("SDP_OFFER", JSON.readTree(second.next(WAIT)).get("messageType").asText());
        assertTrue(first.quietFor(Duration.ofMillis(300)), "the older master no longer receives");
        assertEquals(2, emu.state().channel("cam1").orElseThrow().masterConnections());
        assertFalse(first.closed.isDone(), "the older socket is left open");
    }

    @Test
    void viewerMessagesAreHeldForAMasterThatConnectsLater() throws Exception {
        WsClient viewer = viewer("cam1", "early");
        String offer = Frames.offerPayload("held");
        viewer.send(Frames.js("SDP_OFFER", null, offer, "c1"));
        assertFalse(emu.state().channel("cam1").orElseThrow().masterConnected());
        WsClient master = master("cam1");
        JsonNode got = JSON.readTree(master.next(WAIT));
        assertEquals("early", got.get("senderClientId").asText());
        assertEquals(offer, got.get("messagePayload").asText());
    }

    @Test
    void deletingAChannelClosesItsConnectionsAndLaterUpgradesGet404() throws Exception {
        WsClient master = master("cam2");
        WsClient viewer = viewer("cam2", "v1");
        String arn = emu.channelArn("cam2");
        URI staleMasterUrl = emu.presignMaster("cam2");
        try (var cp = SdkClients.controlPlane(emu, "secret", false)) {
            cp.updateSignalingChannel(b -> b.channelARN(arn)
                    .currentVersion(cp.describeSignalingChannel(d -> d.channelARN(arn)).channelInfo().version())
                    .singleMasterConfiguration(c -> c.messageTtlSeconds(90)));
            assertEquals(90, cp.describeSignalingChannel(d -> d.channelARN(arn)).channelInfo()
                    .singleMasterConfiguration().messageTtlSeconds());
            cp.deleteSignalingChannel(b -> b.channelARN(arn));
        }
        assertEquals(1001, master.awaitEnd(WAIT));
        assertEquals(1001, viewer.awaitEnd(WAIT));
        assertTrue(emu.state().channel("cam2").isEmpty());
        assertEquals(404, WsClient.upgradeStatus(staleMasterUrl));
    }

    @Test
    void aHeldMessageThatExpiresGetsStatusResponseOnlyWithCorrelationId() throws Exception {
        try (KvsEmulator quick = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("c").messageTtl(Duration.ofMillis(300)).build());
             WsClient viewer = WsClient.connect(quick.presignViewer("c", "lonely"))) {
            viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
            viewer.send(Frames.js("ICE_CANDIDATE", null, Frames.b64("{\"candidate\":\"c\"}"), "cand-1"));
            JsonNode status = JSON.readTree(viewer.next(WAIT));
            assertEquals("STATUS_RESPONSE", status.get("messageType").asText());
            assertEquals("cand-1", status.at("/statusResponse/correlationId").asText());
            assertEquals("ResourceNotFoundException", status.at("/statusResponse/errorType").asText());
            assertTrue(viewer.quietFor(Duration.ofMillis(500)), "the offer without correlationId expired silently");
            try (WsClient master = WsClient.connect(quick.presignMaster("c"))) {
                assertTrue(master.quietFor(Duration.ofMillis(300)), "expired messages are not delivered");
            }
        }
    }

    @Test
    void pingsAreAnswered() throws Exception {
        WsClient master = master("cam1");
        master.ping();
        assertTrue(master.pongs.poll(5, TimeUnit.SECONDS) != null, "pong");
    }

    @Test
    void aViewerReconnectingWithTheSameIdReplacesTheOldSocket() throws Exception {
        master("cam1");
        WsClient old = viewer("cam1", "same");
        WsClient fresh = viewer("cam1", "same");
        assertEquals(1000, old.awaitEnd(WAIT));
        assertEquals(1, emu.state().channel("cam1").orElseThrow().viewers());
        assertFalse(fresh.closed.isDone());
    }
}
