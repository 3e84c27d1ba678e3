package com.kvscamera.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A KVS viewer's signaling connection (JSON + base64 payloads, as the KVS JS viewer speaks it) on the JDK's own
 * WebSocket client: the harness needs no WebSocket library. One negotiation at a time; a new offer forgets the
 * previous answer and candidates.
 */
final class ViewerSignaling implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket ws;
    private final Object lock = new Object();
    // guarded by lock
    private CompletableFuture<String> answer = new CompletableFuture<>();
    private final List<JsonNode> candidates = new ArrayList<>();
    private Consumer<JsonNode> candidateListener;
    private volatile long answerReceivedNanos;

    ViewerSignaling(URI presigned) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(presigned, new Listener()).get(15, TimeUnit.SECONDS);
    }

    /** Sends an offer and returns System.nanoTime() just before it left. */
    long sendOffer(String sdp) {
        synchronized (lock) {
            answer = new CompletableFuture<>();
            candidates.clear();
            candidateListener = null;
        }
        long t = System.nanoTime();
        send("SDP_OFFER", JSON.createObjectNode().put("type", "offer").put("sdp", sdp));
        return t;
    }

    void sendCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
        send("ICE_CANDIDATE", JSON.createObjectNode().put("candidate", candidate).put("sdpMid", sdpMid)
                .put("sdpMLineIndex", sdpMLineIndex));
    }

    String awaitAnswer(long timeoutMs) throws Exception {
        CompletableFuture<String> a;
        synchronized (lock) {
            a = answer;
        }
        return a.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    long answerReceivedNanos() {
        return answerReceivedNanos;
    }

    /** Every master candidate of this negotiation, earlier ones first. */
    void onCandidate(Consumer<JsonNode> listener) {
        synchronized (lock) {
            candidates.forEach(listener);
            candidateListener = listener;
        }
    }

    private void send(String action, ObjectNode body) {
        String payload = Base64.getEncoder().encodeToString(body.toString().getBytes(StandardCharsets.UTF_8));
        String msg = JSON.createObjectNode().put("action", action).put("messagePayload", payload).toString();
        synchronized (ws) { // the JDK WebSocket allows one outstanding send
            ws.sendText(msg, true).join();
        }
    }

    private void onMessage(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (!m.hasNonNull("messagePayload")) return;
            JsonNode body = JSON.readTree(Base64.getDecoder().decode(m.get("messagePayload").asText()));
            String type = m.path("messageType").asText("");
            synchronized (lock) {
                if (type.equals("SDP_ANSWER")) {
                    answerReceivedNanos = System.nanoTime();
                    answer.complete(body.get("sdp").asText());
                } else if (type.equals("ICE_CANDIDATE")) {
                    candidates.add(body);
                    if (candidateListener != null) candidateListener.accept(body);
                }
            }
        } catch (Exception e) {
            synchronized (lock) {
                answer.completeExceptionally(e);
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (lock) {
                answer.completeExceptionally(new IllegalStateException("viewer WebSocket closed: " + statusCode + " " + reason));
            }
            return null;
        }
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the emulator may be gone already
        }
        ws.abort();
    }
}
