package com.kvscamera.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A KVS viewer's signaling connection, as the JS/Android viewer SDKs speak it: sends SDP_OFFER and ICE_CANDIDATE,
 * receives the master's SDP_ANSWER and ICE_CANDIDATE. Test-side only; an independent implementation of the wire
 * format (JSON with base64 payloads), so a bug in the agent's codec cannot hide behind a shared one.
 */
final class ViewerSignaling implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;
    // the current negotiation: a new offer starts a new one (same viewer, new PeerConnection)
    private volatile CompletableFuture<String> answer = new CompletableFuture<>();
    private final List<JsonNode> candidates = new CopyOnWriteArrayList<>();
    private volatile Consumer<JsonNode> candidateListener;
    private volatile long answerReceivedNanos;

    ViewerSignaling(URI presigned, SSLContext tls) throws Exception {
        client = new Client(presigned);
        if ("wss".equalsIgnoreCase(presigned.getScheme())) client.setSocketFactory(tls.getSocketFactory());
        if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("viewer WebSocket did not open: " + presigned.getHost());
        }
    }

    /** Starts a negotiation: earlier answers and candidates are forgotten. */
    synchronized void sendOffer(String sdp) throws Exception {
        answer = new CompletableFuture<>();
        candidates.clear();
        candidateListener = null;
        client.send(message("SDP_OFFER", payload(JSON.createObjectNode().put("type", "offer").put("sdp", sdp))));
    }

    void sendCandidate(String candidate, String sdpMid, int sdpMLineIndex) throws Exception {
        ObjectNode c = JSON.createObjectNode().put("candidate", candidate).put("sdpMid", sdpMid)
                .put("sdpMLineIndex", sdpMLineIndex);
        client.send(message("ICE_CANDIDATE", payload(c)));
    }

    /** Each ICE_CANDIDATE the master sends (the decoded {candidate, sdpMid, sdpMLineIndex}), including earlier ones. */
    synchronized void onCandidate(Consumer<JsonNode> listener) {
        candidates.forEach(listener);
        candidateListener = listener;
    }

    String awaitAnswer(long timeoutMs) throws Exception {
        return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    long answerReceivedNanos() {
        return answerReceivedNanos;
    }

    List<JsonNode> candidatesReceived() {
        return List.copyOf(candidates);
    }

    private static String payload(ObjectNode body) throws Exception {
        return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(body));
    }

    private static String message(String action, String payload) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode().put("action", action).put("messagePayload", payload));
    }

    @Override
    public void close() {
        client.close();
    }

    private final class Client extends WebSocketClient {
        Client(URI uri) {
            super(uri);
            setConnectionLostTimeout(0);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String text) {
            try {
                JsonNode m = JSON.readTree(text);
                String type = m.path("messageType").asText("");
                if (!m.hasNonNull("messagePayload")) return;
                JsonNode body = JSON.readTree(new String(Base64.getDecoder().decode(m.get("messagePayload").asText()),
                        StandardCharsets.UTF_8));
                if (type.equals("SDP_ANSWER")) {
                    answerReceivedNanos = System.nanoTime();
                    answer.complete(body.get("sdp").asText());
                } else if (type.equals("ICE_CANDIDATE")) {
                    synchronized (ViewerSignaling.this) {
                        candidates.add(body);
                        Consumer<JsonNode> l = candidateListener;
                        if (l != null) l.accept(body);
                    }
                }
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            answer.completeExceptionally(new IllegalStateException("viewer WebSocket closed: " + code + " " + reason));
        }

        @Override
        public void onError(Exception ex) {}
    }
}
