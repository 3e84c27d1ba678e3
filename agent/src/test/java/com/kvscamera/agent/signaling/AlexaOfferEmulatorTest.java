package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.MasterFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kvscamera.agent.kvs.TlsTrust;
import com.kvscamera.agent.kvs.ClockOffset;
import com.kvscamera.agent.kvs.KvsAuth;
import com.kvscamera.agent.kvs.KvsCallException;
import com.kvscamera.agent.kvs.KvsHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Offers injected the way an Alexa skill does (a SigV4-signed SendAlexaOfferToMaster on the data plane):
 * the real Echo Show offer (no trickle, mids audio0/video0), JSON-wrapped and raw, and while the master is away.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AlexaOfferEmulatorTest {
    /** The real Alexa offer from kvs-signaling.md section 5.3 (mediamtx TestAlexa). */
    static final String ALEXA_OFFER =
            "v=0\r\n" +
            "o=- 3911343731 3911343731 IN IP4 0.0.0.0\r\n" +
            "s=a 2 z\r\n" +
            "c=IN IP4 0.0.0.0\r\n" +
            "t=0 0\r\n" +
            "a=group:BUNDLE audio0 video0\r\n" +
            "m=audio 1 UDP/TLS/RTP/SAVPF 96 0 8\r\n" +
            "a=candidate:1 1 UDP 2013266431 52.90.193.210 60128 typ host\r\n" +
            "a=candidate:2 1 TCP 1015021823 52.90.193.210 9 typ host tcptype active\r\n" +
            "a=candidate:3 1 TCP 1010827519 52.90.193.210 45962 typ host tcptype passive\r\n" +
            "a=candidate:1 2 UDP 2013266430 52.90.193.210 46109 typ host\r\n" +
            "a=candidate:2 2 TCP 1015021822 52.90.193.210 9 typ host tcptype active\r\n" +
            "a=candidate:3 2 TCP 1010827518 52.90.193.210 53795 typ host tcptype passive\r\n" +
            "a=setup:actpass\r\n" +
            "a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
            "a=rtpmap:96 opus/48000/2\r\n" +
            "a=rtpmap:0 PCMU/8000\r\n" +
            "a=rtpmap:8 PCMA/8000\r\n" +
            "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
            "a=rtcp-mux\r\n" +
            "a=sendrecv\r\n" +
            "a=mid:audio0\r\n" +
            "a=ssrc:3573704076 cname:user3856789923@host-9dd1dd33\r\n" +
            "a=ice-ufrag:gxfV\r\n" +
            "a=ice-pwd:KepKrlQ1+LD+RGTAFaqVck\r\n" +
            "a=fingerprint:sha-256 A2:93:53:50:E4:2F:C5:4E:DF:7C:70:99:5A:A7:39:50:1A:63:E5:B2:CA:73:70:7A:C5:F4:01:BF:BD:99:57:FC\r\n" +
            "m=video 1 UDP/TLS/RTP/SAVPF 99\r\n" +
            "a=candidate:1 1 UDP 2013266431 52.90.193.210 60128 typ host\r\n" +
            "a=candidate:1 2 UDP 2013266430 52.90.193.210 46109 typ host\r\n" +
            "a=candidate:2 1 TCP 1015021823 52.90.193.210 9 typ host tcptype active\r\n" +
            "a=candidate:3 1 TCP 1010827519 52.90.193.210 45962 typ host tcptype passive\r\n" +
            "a=candidate:3 2 TCP 1010827518 52.90.193.210 53795 typ host tcptype passive\r\n" +
            "a=candidate:2 2 TCP 1015021822 52.90.193.210 9 typ host tcptype active\r\n" +
            "b=AS:2500\r\n" +
            "a=setup:actpass\r\n" +
            "a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
            "a=rtpmap:99 H264/90000\r\n" +
            "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
            "a=rtcp-mux\r\n" +
            "a=sendrecv\r\n" +
            "a=mid:video0\r\n" +
            "a=rtcp-fb:99 nack\r\n" +
            "a=rtcp-fb:99 nack pli\r\n" +
            "a=rtcp-fb:99 ccm fir\r\n" +
            "a=ssrc:3778078295 cname:user3856789923@host-9dd1dd33\r\n" +
            "a=ice-ufrag:gxfV\r\n" +
            "a=ice-pwd:KepKrlQ1+LD+RGTAFaqVck\r\n" +
            "a=fingerprint:sha-256 A2:93:53:50:E4:2F:C5:4E:DF:7C:70:99:5A:A7:39:50:1A:63:E5:B2:CA:73:70:7A:C5:F4:01:BF:BD:99:57:FC\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void alexaOffersAreAnsweredWrappedRawAndAfterAnOutage() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b.messageTtl(Duration.ofSeconds(20)))) {
            KvsHttpClient http = new KvsHttpClient(TlsTrust.context(f.emulator.caCertificateFile().orElseThrow()),
                    new KvsAuth("us-west-2", f.credentials, new ClockOffset(Clock.systemUTC())),
                    Duration.ofSeconds(5), Duration.ofSeconds(25));
            String arn = f.emulator.channelArn(MasterFixture.CHANNEL);

            // master not connected yet: the service holds the offer for MessageTtlSeconds and redelivers it
            CompletableFuture<JsonNode> early = post(http, f, arn, "alexa-early", json(ALEXA_OFFER));
            assertTrue(await(Duration.ofSeconds(2), early::isDone) < 0, "held while no master is connected");
            SignalingMaster m = f.start(f.options());
            assertAnswerEchoesAlexaMids(early.get(15, TimeUnit.SECONDS));

            long t0 = System.nanoTime();
            JsonNode r1 = post(http, f, arn, "alexa-wrapped", json(ALEXA_OFFER)).get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertAnswerEchoesAlexaMids(r1);
            System.out.println("[measure] SendAlexaOfferToMaster round trip with the stand-in answerer: " + ms + " ms");

            // a skill that posts the SDP unwrapped (C#953) still gets an answer
            assertAnswerEchoesAlexaMids(post(http, f, arn, "alexa-raw", ALEXA_OFFER).get(10, TimeUnit.SECONDS));
            assertEquals(3, f.handler.offers.get());
            assertTrue(m.status().connected());
        }
    }

    private static String json(String sdp) {
        return JSON.createObjectNode().put("type", "offer").put("sdp", sdp).toString();
    }

    private static CompletableFuture<JsonNode> post(KvsHttpClient http, MasterFixture f, String arn, String sender,
                                                   String payload) {
        Map<String, String> body = Map.of("ChannelARN", arn, "SenderClientId", sender,
                "MessagePayload", Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.post("SendAlexaOfferToMaster", f.emulator.baseUrl(), "/v1/send-alexa-offer-to-master", body);
            } catch (KvsCallException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private static void assertAnswerEchoesAlexaMids(JsonNode r) throws Exception {
        JsonNode answer = JSON.readTree(Base64.getDecoder().decode(r.path("Answer").asText()));
        assertEquals("answer", answer.path("type").asText());
        String sdp = answer.path("sdp").asText();
        assertTrue(sdp.contains("a=mid:audio0") && sdp.contains("a=mid:video0"), sdp);
        assertFalse(sdp.contains("a=mid:0\r\n"), "no C-style hard-coded mid");
    }
}
