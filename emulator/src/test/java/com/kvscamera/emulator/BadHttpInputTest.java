package com.kvscamera.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad rest-json input gets the service's error shape (never a crash); the server carries on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadHttpInputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KvsEmulator emu;

    @BeforeAll
    static void start() throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("cam1").build());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    private static void assertError(HttpResponse<String> r, int status, String type, String messagePart) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("x-amzn-ErrorType").orElse("").startsWith(type + ":"),
                r.headers().map().toString());
        assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
        JsonNode body = JSON.readTree(r.body());
        String message = body.has("Message") ? body.get("Message").asText() : body.path("message").asText();
        assertTrue(message.contains(messagePart), message);
    }

    @Test
    void controlPlane() throws Exception {
        assertError(RawHttp.signedPost(emu, "/createSignalingChannel", "{\"ChannelName\":"), 400,
                "SerializationException", "Malformed JSON");
        assertError(RawHttp.signedPost(emu, "/createSignalingChannel", "[]"), 400, "SerializationException",
                "JSON object");
        assertError(RawHttp.signedPost(emu, "/createSignalingChannel", "{}"), 400, "InvalidArgumentException",
                "Value null at 'ChannelName'");
        assertError(RawHttp.signedPost(emu, "/createSignalingChannel", "{\"ChannelName\":7}"), 400,
                "SerializationException", "'ChannelName' must be a string");
        assertError(RawHttp.signedPost(emu, "/createSignalingChannel", "{\"ChannelName\":\"" + "x".repeat(257) + "\"}"),
                400, "InvalidArgumentException", "length between 1 and 256");
        assertError(RawHttp.signedPost(emu, "/getSignalingChannelEndpoint", "{}"), 400, "InvalidArgumentException",
                "'ChannelARN'");
        assertError(RawHttp.signedPost(emu, "/getSignalingChannelEndpoint", "{\"ChannelARN\":\"" + emu.channelArn("cam1")
                + "\",\"SingleMasterChannelEndpointConfiguration\":{\"Role\":\"BOSS\"}}"), 400,
                "InvalidArgumentException", "Role");
        assertError(RawHttp.signedPost(emu, "/describeSignalingChannel", "{\"ChannelName\":\"ghost\"}"), 404,
                "ResourceNotFoundException", "not found");
        assertError(RawHttp.signedPost(emu, "/deleteSignalingChannel", "{\"ChannelARN\":\"arn:aws:kinesisvideo:"
                + "us-west-2:123456789012:channel/ghost/1\"}"), 404, "ResourceNotFoundException", "not found");
        assertError(RawHttp.signedPost(emu, "/listSignalingChannels", "{\"MaxResults\":0}"), 400,
                "InvalidArgumentException", "'MaxResults'");
    }

    @Test
    void dataPlane() throws Exception {
        HttpResponse<String> nf = RawHttp.signedPost(emu, "/v1/get-ice-server-config", "{\"ChannelARN\":"
                + "\"arn:aws:kinesisvideo:us-west-2:123456789012:channel/ghost/1\"}");
        assertEquals("ResourceNotFoundException:https://kinesisvideo.amazonaws.com/doc/2019-12-04/",
                nf.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertError(RawHttp.signedPost(emu, "/v1/get-ice-server-config", "{}"), 400, "InvalidArgumentException",
                "'ChannelARN'");
        assertError(RawHttp.signedPost(emu, "/v1/send-alexa-offer-to-master", "{\"ChannelARN\":\""
                + emu.channelArn("cam1") + "\",\"MessagePayload\":\"AAAA\"}"), 400, "InvalidArgumentException",
                "'SenderClientId'");
        assertError(RawHttp.signedPost(emu, "/v1/send-alexa-offer-to-master", "{\"ChannelARN\":\""
                + emu.channelArn("cam1") + "\",\"SenderClientId\":\"a\"}"), 400, "InvalidArgumentException",
                "'MessagePayload'");
    }

    @Test
    void garbageOnTheSocketGetsA400AndTheServerCarriesOn() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", emu.baseUrl().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("\u0016\u0003\u0001garbage that is not HTTP\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String reply = new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 400", reply);
        }
        HttpResponse<String> ok = RawHttp.signedPost(emu, "/describeSignalingChannel", "{\"ChannelName\":\"cam1\"}");
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void unknownOperationsAuthenticationAndSize() throws Exception {
        assertError(RawHttp.signedPost(emu, "/tagResource", "{}"), 404, "UnknownOperationException", "");
        assertError(RawHttp.unsigned(emu, "GET", "/describeSignalingChannel", null), 404,
                "UnknownOperationException", "");
        assertError(RawHttp.unsigned(emu, "POST", "/describeSignalingChannel", "{\"ChannelName\":\"cam1\"}"), 403,
                "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertError(RawHttp.signedPost(emu, "/createSignalingChannel", "{\"ChannelName\":\"big\",\"pad\":\""
                + "x".repeat(300_000) + "\"}"), 413, "SerializationException", "exceeds");
        // and the server is still fine
        HttpResponse<String> ok = RawHttp.signedPost(emu, "/describeSignalingChannel", "{\"ChannelName\":\"cam1\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("cam1", JSON.readTree(ok.body()).at("/ChannelInfo/ChannelName").asText());
    }
}
