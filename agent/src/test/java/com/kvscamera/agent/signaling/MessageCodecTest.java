package com.kvscamera.agent.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String offerPayload() {
        return JSON.createObjectNode().put("type", "offer").put("sdp", SDP).toString();
    }

    @Test
    void camelCaseOfferAsTheServiceSendsIt() {
        Inbound m = MessageCodec.decode("{\"messagePayload\":\"" + b64(offerPayload())
                + "\",\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"viewer-1\"}");
        Inbound.Offer o = assertInstanceOf(Inbound.Offer.class, m);
        assertEquals("viewer-1", o.senderClientId());
        assertEquals(SDP, o.sdp());
    }

    @Test
    void pascalCaseKeysWithIceServerListAreAccepted() {
        Inbound m = MessageCodec.decode("{\n\t\"MessageType\": \"SDP_OFFER\",\n\t\"SenderClientId\": \"c-viewer\",\n\t\"MessagePayload\": \""
                + b64(offerPayload()) + "\",\n\t\"IceServerList\": [{\"Password\":\"p\",\"Ttl\":300,\"Uris\":[\"turn:x\"],\"Username\":\"u\"}]\n}");
        assertEquals("c-viewer", assertInstanceOf(Inbound.Offer.class, m).senderClientId());
    }

    @Test
    void urlSafeUnpaddedBase64() {
        // pick a payload whose standard encoding contains '+' or '/' so the alphabets really differ
        String payload = offerPayload().replace("s=-", "s=??>>??");
        String url = b64url(payload);
        assertTrue(url.contains("-") || url.contains("_"), "test payload must exercise the URL-safe alphabet");
        Inbound m = MessageCodec.decode("{\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"a\",\"messagePayload\":\"" + url + "\"}");
        assertTrue(assertInstanceOf(Inbound.Offer.class, m).sdp().contains("s=??>>??"));
    }

    @Test
    void rawSdpPayload() {
        Inbound m = MessageCodec.decode("{\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"alexa-1\",\"messagePayload\":\"" + b64(SDP) + "\"}");
        assertEquals(SDP, assertInstanceOf(Inbound.Offer.class, m).sdp());
    }

    @Test
    void candidateJson() {
        String c = "{\"candidate\":\"candidate:1 1 udp 2130706431 192.168.1.20 50000 typ host\",\"sdpMid\":\"video0\",\"sdpMLineIndex\":1,\"usernameFragment\":\"ab\"}";
        Inbound m = MessageCodec.decode("{\"messageType\":\"ICE_CANDIDATE\",\"senderClientId\":\"v\",\"messagePayload\":\"" + b64(c) + "\"}");
        Inbound.Candidate cand = assertInstanceOf(Inbound.Candidate.class, m);
        assertEquals("candidate:1 1 udp 2130706431 192.168.1.20 50000 typ host", cand.candidate());
        assertEquals("video0", cand.sdpMid());
        assertEquals(1, cand.sdpMLineIndex());
    }

    @Test
    void controlMessages() {
        assertInstanceOf(Inbound.GoAway.class, MessageCodec.decode("{\"messageType\":\"GO_AWAY\"}"));
        assertInstanceOf(Inbound.GoAway.class, MessageCodec.decode("{\"messageType\":\"GO_AWAY\",\"messagePayload\":\"\",\"senderClientId\":\"\"}"));
        assertInstanceOf(Inbound.ReconnectIceServer.class, MessageCodec.decode("{\"MessageType\":\"RECONNECT_ICE_SERVER\"}"));
        Inbound.StatusResponse s = assertInstanceOf(Inbound.StatusResponse.class, MessageCodec.decode(
                "{\"messageType\":\"STATUS_RESPONSE\",\"statusResponse\":{\"correlationId\":\"1697058567743\",\"errorType\":\"InvalidArgumentException\",\"statusCode\":\"400\",\"success\":false}}"));
        assertEquals("1697058567743", s.correlationId());
        assertEquals("400", s.statusCode());
    }

    @Test
    void framesWithoutMessageTypeAreIgnored() {
        assertInstanceOf(Inbound.Ignored.class, MessageCodec.decode(
                "{\"message\": \"Endpoint request timed out\", \"connectionId\":\"abc=\", \"requestId\":\"x\"}"));
        assertInstanceOf(Inbound.Ignored.class, MessageCodec.decode("{\"message\":\"Internal server error\",\"connectionId\":\"c\",\"requestId\":\"r\"}"));
        assertInstanceOf(Inbound.Ignored.class, MessageCodec.decode("{}"));
        assertInstanceOf(Inbound.Ignored.class, MessageCodec.decode("[1,2]"));
        assertInstanceOf(Inbound.Ignored.class, MessageCodec.decode("{\"messageType\":\"SDP_ANSWER\",\"senderClientId\":\"v\",\"messagePayload\":\"eA==\"}"));
    }

    @Test
    void oversizedPayloadIsRejectedNamingTheSender() {
        String big = "A".repeat(MessageCodec.MAX_PAYLOAD_CHARS + 4);
        Inbound.Rejected r = assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"big-viewer\",\"messagePayload\":\"" + big + "\"}"));
        assertEquals("big-viewer", r.senderClientId());
        assertTrue(r.why().contains("exceeds 10000"), r.why());
        Inbound.Rejected huge = assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"senderClientId\":\"huge\",\"x\":\"" + "B".repeat(70_000) + "\"}"));
        assertEquals("huge", huge.senderClientId());
    }

    @Test
    void garbageIsRejectedNamingTheSender() {
        Inbound.Rejected notB64 = assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"v1\",\"messagePayload\":\"***not base64***\"}"));
        assertEquals("v1", notB64.senderClientId());
        Inbound.Rejected notSdp = assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"v2\",\"messagePayload\":\"" + b64("hello world") + "\"}"));
        assertEquals("v2", notSdp.senderClientId());
        Inbound.Rejected badJson = assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"messageType\":\"ICE_CANDIDATE\",\"senderClientId\":\"v3\",\"messagePayload\":\"" + b64("{\"candidate\":") + "\"}"));
        assertEquals("v3", badJson.senderClientId());
        assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode("{\"senderClientId\":\"v4\", broken"));
        assertEquals("v4", ((Inbound.Rejected) MessageCodec.decode("{\"senderClientId\":\"v4\", broken")).senderClientId());
        Inbound.Rejected noSender = assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"messageType\":\"SDP_OFFER\",\"messagePayload\":\"" + b64(offerPayload()) + "\"}"));
        assertEquals("?", noSender.senderClientId());
        assertInstanceOf(Inbound.Rejected.class, MessageCodec.decode(
                "{\"messageType\":\"SDP_OFFER\",\"senderClientId\":\"v5\",\"messagePayload\":\"" + b64("{\"type\":\"answer\",\"sdp\":\"v=0\"}") + "\"}"));
    }

    @Test
    void answerIsCamelCaseStandardPaddedBase64WithCorrelationId() throws Exception {
        String frame = MessageCodec.encodeAnswer("viewer-1", SDP + "a=x\r\n", "ans-1-viewer-1");
        JsonNode n = JSON.readTree(frame);
        assertEquals("SDP_ANSWER", n.get("action").asText());
        assertEquals("viewer-1", n.get("recipientClientId").asText());
        assertEquals("ans-1-viewer-1", n.get("correlationId").asText());
        String payload = n.get("messagePayload").asText();
        assertTrue(payload.matches("[A-Za-z0-9+/]+={0,2}") && payload.length() % 4 == 0, "standard padded base64");
        JsonNode inner = JSON.readTree(Base64.getDecoder().decode(payload));
        assertEquals("answer", inner.get("type").asText());
        assertEquals(SDP + "a=x\r\n", inner.get("sdp").asText());
    }

    @Test
    void candidateOut() throws Exception {
        JsonNode n = JSON.readTree(MessageCodec.encodeCandidate("v", "candidate:1 1 udp 1 10.0.0.1 5000 typ host", "0", 0));
        assertEquals("ICE_CANDIDATE", n.get("action").asText());
        JsonNode inner = JSON.readTree(Base64.getDecoder().decode(n.get("messagePayload").asText()));
        assertEquals("candidate:1 1 udp 1 10.0.0.1 5000 typ host", inner.get("candidate").asText());
        assertEquals("0", inner.get("sdpMid").asText());
        assertEquals(0, inner.get("sdpMLineIndex").asInt());
    }

    @Test
    void oversizedAnswerIsRefusedWithAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encodeAnswer("v9", SDP + "a=x:" + "y".repeat(9000) + "\r\n", null));
        assertTrue(e.getMessage().contains("v9") && e.getMessage().contains("10000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encodeAnswer("bad id!", SDP, null));
    }
}
