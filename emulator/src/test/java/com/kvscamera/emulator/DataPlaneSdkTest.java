package com.kvscamera.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import software.amazon.awssdk.services.kinesisvideosignaling.KinesisVideoSignalingClient;
import software.amazon.awssdk.services.kinesisvideosignaling.model.IceServer;
import software.amazon.awssdk.services.kinesisvideosignaling.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideosignaling.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideosignaling.model.SendAlexaOfferToMasterResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's kinesisvideosignaling client against the HTTPS endpoint GetSignalingChannelEndpoint hands out. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataPlaneSdkTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    static KvsEmulator emu;
    static KinesisVideoClient cp;
    static KinesisVideoSignalingClient dp;
    static String arn;

    @BeforeAll
    static void start() throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("cam1").turn(true).iceTtl(Duration.ofSeconds(300)).build());
        cp = SdkClients.controlPlane(emu, "secret", false);
        arn = cp.describeSignalingChannel(b -> b.channelName("cam1")).channelInfo().channelARN();
        URI https = SdkClients.endpoint(cp, arn, ChannelRole.VIEWER, ChannelProtocol.HTTPS);
        dp = SdkClients.dataPlane(emu, https, "secret");
    }

    @AfterAll
    static void stop() {
        dp.close();
        cp.close();
        emu.close();
    }

    @Test
    void iceServerConfigHandsOutCredentialsThatCoturnAccepts() throws Exception {
        List<IceServer> servers = dp.getIceServerConfig(b -> b.channelARN(arn).clientId("ProducerMaster")
                .service("TURN")).iceServerList();
        assertEquals(2, servers.size());
        TurnServerInfo turn = emu.turn().orElseThrow();
        String id = Base64.getEncoder().encodeToString(("v1:" + arn).getBytes(StandardCharsets.UTF_8));
        for (IceServer s : servers) {
            assertEquals(List.of("turn:127.0.0.1:" + turn.udpPort() + "?transport=udp",
                    "turn:127.0.0.1:" + turn.tcpPort() + "?transport=tcp"), s.uris());
            assertEquals(300, s.ttl());
            long expiry = Long.parseLong(s.username().substring(0, s.username().indexOf(':')));
            assertTrue(Math.abs(expiry - (System.currentTimeMillis() / 1000 + 300)) < 30, s.username());
            assertEquals(id, s.username().substring(s.username().indexOf(':') + 1));
        }
        IceServer first = servers.get(0);
        TurnProbe.Result r = TurnProbe.allocateUdp(turn.udpPort(), first.username(), first.password());
        assertTrue(r.success(), "allocation with handed-out credentials: error " + r.errorCode());
        assertEquals(401, TurnProbe.allocateUdp(turn.udpPort(), first.username(), "AAAA" + first.password()).errorCode());
    }

    @Test
    void iceServerConfigErrors() {
        assertThrows(ResourceNotFoundException.class, () -> dp.getIceServerConfig(b -> b.channelARN(
                "arn:aws:kinesisvideo:us-west-2:123456789012:channel/ghost/1")));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> dp.getIceServerConfig(b -> b.channelARN(arn).service("STUN")));
        assertTrue(e.getMessage().contains("'Service'"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> dp.getIceServerConfig(b -> b.channelARN("nope")));
    }

    @Test
    void iceServerConfigIsLimitedToFivePerSecondPerChannel() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        try (KvsEmulator frozen = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("c").clock(clock).build());
             KinesisVideoSignalingClient client = SdkClients.dataPlane(frozen, frozen.baseUrl(), "secret")) {
            String c = frozen.channelArn("c");
            for (int i = 0; i < 5; i++) {
                client.getIceServerConfig(b -> b.channelARN(c));
            }
            var e = assertThrows(software.amazon.awssdk.services.kinesisvideosignaling.model
                    .ClientLimitExceededException.class, () -> client.getIceServerConfig(b -> b.channelARN(c)));
            assertEquals(400, e.statusCode());
            clock.advance(Duration.ofMillis(1001));
            assertEquals(0, client.getIceServerConfig(b -> b.channelARN(c)).iceServerList().size(), "no --turn");
        }
    }

    @Test
    void sendAlexaOfferToMasterReturnsTheMastersAnswer() throws Exception {
        String offerSdp = Files.readString(Path.of("../../shared/fixtures/alexa-offer.sdp"));
        String offer = Base64.getEncoder().encodeToString(JSON.createObjectNode().put("type", "offer")
                .put("sdp", offerSdp).toString().getBytes(StandardCharsets.UTF_8));
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"))) {
            awaitMaster(true);
            CompletableFuture<SendAlexaOfferToMasterResponse> call = CompletableFuture.supplyAsync(() ->
                    dp.sendAlexaOfferToMaster(b -> b.channelARN(arn).senderClientId("viewer-alexa-1").messagePayload(offer)));
            JsonNode got = JSON.readTree(master.next(WAIT));
            assertEquals("SDP_OFFER", got.get("messageType").asText());
            assertEquals("viewer-alexa-1", got.get("senderClientId").asText());
            assertEquals(offer, got.get("messagePayload").asText());
            assertFalse(call.isDone(), "the HTTP request is held until the master answers");
            String answer = Frames.answerPayload("v=0\\r\\na=mid:audio0\\r\\n");
            master.send(Frames.c("SDP_ANSWER", "viewer-alexa-1", answer, "a1"));
            assertEquals(answer, call.get(10, TimeUnit.SECONDS).answer());
        }
    }

    @Test
    void anOfferSentBeforeTheMasterConnectsIsDeliveredWhenItDoes() throws Exception {
        awaitMaster(false);
        String offer = Frames.offerPayload("v=0");
        CompletableFuture<SendAlexaOfferToMasterResponse> call = CompletableFuture.supplyAsync(() ->
                dp.sendAlexaOfferToMaster(b -> b.channelARN(arn).senderClientId("early-alexa").messagePayload(offer)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long before = emu.state().channel("cam1").orElseThrow().offers();
        while (emu.state().channel("cam1").orElseThrow().offers() == before && System.nanoTime() < deadline) {
            Thread.sleep(20); // waiting on the SDK's HTTP request to arrive (real I/O)
        }
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"))) {
            JsonNode got = JSON.readTree(master.next(WAIT));
            assertEquals("early-alexa", got.get("senderClientId").asText());
            String answer = Frames.answerPayload("late");
            master.send(Frames.js("SDP_ANSWER", "early-alexa", answer, null));
            assertEquals(answer, call.get(10, TimeUnit.SECONDS).answer());
        }
    }

    @Test
    void alexaOfferValidation() {
        InvalidArgumentException notB64 = assertThrows(InvalidArgumentException.class, () ->
                dp.sendAlexaOfferToMaster(b -> b.channelARN(arn).senderClientId("a").messagePayload("v=0 raw sdp")));
        assertTrue(notB64.getMessage().contains("'MessagePayload'"), notB64.getMessage());
        InvalidArgumentException tooLong = assertThrows(InvalidArgumentException.class, () ->
                dp.sendAlexaOfferToMaster(b -> b.channelARN(arn).senderClientId("a").messagePayload("A".repeat(10_004))));
        assertTrue(tooLong.getMessage().contains("length between 1 and 10000"), tooLong.getMessage());
        assertThrows(InvalidArgumentException.class, () ->
                dp.sendAlexaOfferToMaster(b -> b.channelARN(arn).senderClientId("bad id").messagePayload("AAAA")));
    }

    @Test
    void anOfferNobodyAnswersFailsWhenTheMessageTtlEnds() throws Exception {
        try (KvsEmulator quick = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("c").messageTtl(Duration.ofMillis(500)).build());
             KinesisVideoSignalingClient client = SdkClients.dataPlane(quick, quick.baseUrl(), "secret")) {
            String quickArn = quick.channelArn("c");
            long t0 = System.nanoTime();
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () ->
                    client.sendAlexaOfferToMaster(b -> b.channelARN(quickArn).senderClientId("x").messagePayload("AAAA")));
            assertTrue(e.getMessage().contains("expired"), e.getMessage());
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(450), "held for the TTL");
        }
    }

    private static void awaitMaster(boolean connected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (emu.state().channel("cam1").orElseThrow().masterConnected() != connected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("masterConnected never became " + connected);
            }
            Thread.sleep(20); // real socket close/open
        }
    }
}
