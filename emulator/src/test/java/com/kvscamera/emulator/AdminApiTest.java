package com.kvscamera.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /_emulator/... as the tests, benchmarks and the demo page use it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminApiTest {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();
    KvsEmulator emu;

    @BeforeEach
    void start() throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("cam1").turn(true).build());
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void stateMatchesTheJavaApiAndCountsTraffic() throws Exception {
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"));
             WsClient viewer = WsClient.connect(emu.presignViewer("cam1", "v1"))) {
            viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
            master.next(WAIT);
            JsonNode state = JSON.readTree(RawHttp.unsigned(emu, "GET", "/_emulator/state", null).body());
            JsonNode c = state.get("channels").get(0);
            assertEquals("cam1", c.get("name").asText());
            assertEquals(emu.channelArn("cam1"), c.get("arn").asText());
            assertTrue(c.get("masterConnected").asBoolean());
            assertEquals(1, c.get("masterConnections").asInt());
            assertEquals(0, c.get("sessionsExpired").asInt());
            assertEquals(1, c.get("viewers").asInt());
            assertEquals(1, c.get("offers").asInt());
            assertEquals(0, c.get("answers").asInt());
            assertEquals(0, c.get("candidates").asInt());
            assertEquals(JSON.writeValueAsString(emu.state()), state.toString());
        }
    }

    @Test
    void injectOverHttp() throws Exception {
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"))) {
            awaitMaster();
            HttpResponse<String> r = RawHttp.unsigned(emu, "POST", "/_emulator/inject",
                    "{\"channelName\":\"cam1\",\"event\":\"RECONNECT_ICE_SERVER\"}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{\"messageType\":\"RECONNECT_ICE_SERVER\"}", master.next(WAIT));
            HttpResponse<String> bad = RawHttp.unsigned(emu, "POST", "/_emulator/inject",
                    "{\"channelName\":\"cam1\",\"event\":\"NOPE\"}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("'event'"), bad.body());
            assertEquals(400, RawHttp.unsigned(emu, "POST", "/_emulator/inject", "{\"event\":\"DROP\"}").statusCode());
        }
    }

    @Test
    void presignViewerGivesAWorkingUrl() throws Exception {
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"))) {
            HttpResponse<String> r = RawHttp.unsigned(emu, "POST", "/_emulator/presign-viewer",
                    "{\"channelName\":\"cam1\",\"clientId\":\"page-1\"}");
            assertEquals(200, r.statusCode(), r.body());
            URI url = URI.create(JSON.readTree(r.body()).get("url").asText());
            assertTrue(url.toString().startsWith("ws://127.0.0.1:" + emu.baseUrl().getPort() + "/?X-Amz-Algorithm="));
            try (WsClient viewer = WsClient.connect(url)) {
                viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
                assertTrue(master.next(WAIT).contains("\"senderClientId\":\"page-1\""));
            }
            assertEquals(404, RawHttp.unsigned(emu, "POST", "/_emulator/presign-viewer",
                    "{\"channelName\":\"ghost\",\"clientId\":\"x\"}").statusCode());
        }
    }

    @Test
    void alexaOfferAndIceConfigWithoutSigV4() throws Exception {
        JsonNode ice = JSON.readTree(RawHttp.unsigned(emu, "POST", "/_emulator/ice-config",
                "{\"channelName\":\"cam1\"}").body());
        assertEquals(2, ice.get("IceServerList").size());
        assertEquals(300, ice.at("/IceServerList/0/Ttl").asInt());

        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"))) {
            awaitMaster();
            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.unsigned(emu, "POST", "/_emulator/alexa-offer",
                            "{\"channelName\":\"cam1\",\"senderClientId\":\"alexa-demo\",\"sdp\":\"v=0\\r\\n\"}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode offer = JSON.readTree(master.next(WAIT));
            JsonNode decoded = JSON.readTree(Base64.getDecoder().decode(offer.get("messagePayload").asText()));
            assertEquals("offer", decoded.get("type").asText());
            assertEquals("v=0\r\n", decoded.get("sdp").asText());
            String answer = Frames.answerPayload("v=0\\r\\n");
            master.send(Frames.js("SDP_ANSWER", "alexa-demo", answer, null));
            HttpResponse<String> r = call.get(10, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(answer, JSON.readTree(r.body()).get("Answer").asText());
            assertEquals("{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}", new String(Base64.getDecoder()
                    .decode(answer), StandardCharsets.UTF_8));
        }
    }

    @Test
    void loopbackPagesGetCorsHeadersOtherOriginsDoNot() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> pre = http.send(java.net.http.HttpRequest.newBuilder(emu.baseUrl().resolve("/_emulator/presign-viewer"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:8080").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, pre.statusCode());
        assertEquals("http://127.0.0.1:8080", pre.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> state = http.send(java.net.http.HttpRequest.newBuilder(emu.baseUrl().resolve("/_emulator/state"))
                .header("Origin", "http://localhost:3000").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("http://localhost:3000", state.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> foreign = http.send(java.net.http.HttpRequest.newBuilder(emu.baseUrl().resolve("/_emulator/state"))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void wrongMethodAndUnknownAdminPath() throws Exception {
        assertEquals(405, RawHttp.unsigned(emu, "POST", "/_emulator/state", "{}").statusCode());
        assertEquals(405, RawHttp.unsigned(emu, "GET", "/_emulator/inject", null).statusCode());
        assertEquals(404, RawHttp.unsigned(emu, "POST", "/_emulator/nothing", "{}").statusCode());
        assertEquals(400, RawHttp.unsigned(emu, "POST", "/_emulator/inject", "{oops").statusCode());
    }

    private void awaitMaster() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!emu.state().channel("cam1").orElseThrow().masterConnected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("master never connected");
            }
            Thread.sleep(20); // real socket open
        }
    }
}
