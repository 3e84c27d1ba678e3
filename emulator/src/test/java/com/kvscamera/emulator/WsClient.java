package com.kvscamera.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** A signaling client for tests on the JDK's WebSocket: records text frames, close code and errors. */
final class WsClient implements AutoCloseable {
    final LinkedBlockingQueue<String> messages;
    final CompletableFuture<Integer> closed;
    final CompletableFuture<Throwable> error;
    final LinkedBlockingQueue<ByteBuffer> pongs;
    private final WebSocket ws;

    private WsClient(WebSocket ws, Listener listener) {
        this.ws = ws;
        this.messages = listener.messages;
        this.closed = listener.closed;
        this.error = listener.error;
        this.pongs = listener.pongs;
    }

    static WsClient connect(URI url) {
        return connect(url, null);
    }

    static WsClient connect(URI url, SSLContext ssl) {
        return connectAsync(url, ssl).join();
    }

    /** Fails with the handshake's HTTP status when the upgrade is refused (see {@link #upgradeStatus}). */
    static CompletableFuture<WsClient> connectAsync(URI url, SSLContext ssl) {
        HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            hb.sslContext(ssl);
        }
        Listener listener = new Listener();
        return hb.build().newWebSocketBuilder().buildAsync(url, listener).thenApply(ws -> new WsClient(ws, listener));
    }

    /** The HTTP status of a refused upgrade, or -1. */
    static int upgradeStatus(URI url) {
        try {
            connectAsync(url, null).join().close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    void sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    void ping() {
        ws.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3})).join();
    }

    /** True when no text frame arrives within the window (used only to prove a frame was NOT sent). */
    boolean quietFor(Duration window) throws InterruptedException {
        return messages.poll(window.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    /** Next text frame within the timeout, or AssertionError. */
    String next(Duration timeout) throws InterruptedException {
        String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no frame within " + timeout);
        }
        return m;
    }

    /** Waits for the socket to end; returns the close code, or -1 for an abortive end (no close frame). */
    int awaitEnd(Duration timeout) throws Exception {
        return CompletableFuture.anyOf(closed, error.thenApply(t -> -1))
                .thenApply(o -> (Integer) o).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        ws.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final LinkedBlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pongs.add(message);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable t) {
            error.complete(t);
        }
    }
}
