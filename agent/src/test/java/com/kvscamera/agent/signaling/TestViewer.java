package com.kvscamera.agent.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A KVS viewer over real WSS (presigned URL with X-Amz-ClientId): sends offers and candidates, counts answers. */
final class TestViewer implements AutoCloseable {
    static final String OFFER_SDP = "v=0\r\no=- 8614946227315096063 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:Vw0r\r\na=ice-pwd:kq5q4g3gqmv4b3l6n0d3yq3e\r\na=ice-options:trickle\r\n"
            + "a=fingerprint:sha-256 0B:3C:1A:54:7E:22:9F:61:0D:AB:6E:90:41:5C:77:C2:88:1F:D3:3B:E8:40:5A:6C:2D:9E:11:70:BB:24:63:F5\r\n"
            + "a=setup:actpass\r\na=mid:0\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:Vw0r\r\na=ice-pwd:kq5q4g3gqmv4b3l6n0d3yq3e\r\na=ice-options:trickle\r\n"
            + "a=fingerprint:sha-256 0B:3C:1A:54:7E:22:9F:61:0D:AB:6E:90:41:5C:77:C2:88:1F:D3:3B:E8:40:5A:6C:2D:9E:11:70:BB:24:63:F5\r\n"
            + "a=setup:actpass\r\na=mid:1\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:102 H264/90000\r\n"
            + "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String clientId;
    final AtomicInteger offersSent = new AtomicInteger();
    /** When the test means to close this viewer (System.nanoTime), 0 = not yet decided. */
    volatile long stopAt;
    final List<String> answers = new CopyOnWriteArrayList<>();
    final List<String> otherFrames = new CopyOnWriteArrayList<>();
    private final Client client;
    private final CountDownLatch open = new CountDownLatch(1);

    TestViewer(URI presigned, SSLSocketFactory tls, String clientId) throws InterruptedException {
        this.clientId = clientId;
        this.client = new Client(presigned);
        if ("wss".equals(presigned.getScheme())) {
            client.setSocketFactory(tls);
        }
        client.setConnectionLostTimeout(0);
        client.connect();
        if (!open.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("viewer " + clientId + " could not connect to " + presigned.getHost());
        }
    }

    void sendOffer() {
        String payload = JSON.createObjectNode().put("type", "offer").put("sdp", OFFER_SDP).toString();
        send("SDP_OFFER", payload);
        offersSent.incrementAndGet();
    }

    void sendCandidate(String candidate) {
        send("ICE_CANDIDATE", JSON.createObjectNode().put("candidate", candidate).put("sdpMid", "0").put("sdpMLineIndex", 0).toString());
    }

    void sendRaw(String frame) {
        client.send(frame);
    }

    private void send(String action, String payload) {
        String b64 = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        client.send(JSON.createObjectNode().put("action", action).put("messagePayload", b64).toString());
    }

    /** Waits until {@code n} answers arrived; returns whether they did. */
    boolean awaitAnswers(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (answers.size() < n && System.nanoTime() < end) {
            Thread.sleep(10); // polling real network I/O with a deadline
        }
        return answers.size() >= n;
    }

    boolean isOpen() {
        return client.isOpen();
    }

    @Override
    public void close() {
        client.close();
    }

    private final class Client extends WebSocketClient {
        Client(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake h) {
            open.countDown();
        }

        @Override
        public void onMessage(String message) {
            try {
                JsonNode n = JSON.readTree(message);
                if ("SDP_ANSWER".equals(n.path("messageType").asText())) {
                    JsonNode p = JSON.readTree(Base64.getDecoder().decode(n.path("messagePayload").asText()));
                    if ("answer".equals(p.path("type").asText()) && p.path("sdp").asText().startsWith("v=0")) {
                        answers.add(p.path("sdp").asText());
                        return;
                    }
                }
            } catch (Exception e) {
                // recorded below as an unexpected frame
            }
            otherFrames.add(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }
}
