package com.kvscamera.agent.signaling;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One signaling WebSocket on Java-WebSocket, for one presigned URL. Never reused: every attempt builds a new
 * instance with a freshly presigned URL (Java-WebSocket's reconnect() would replay an expired signature).
 * Callbacks run on the library's reader thread; the listener forwards them to the control thread. Exactly one
 * {@link Listener#onClosed} per instance.
 */
final class WssConnection {
    private static final Pattern UPGRADE_STATUS = Pattern.compile("Invalid status code received: (\\d{3})");

    interface Listener {
        void onOpen(WssConnection c);

        void onText(WssConnection c, String text);

        void onPong(WssConnection c);

        /**
         * @param upgradeStatus HTTP status of a refused upgrade (403, 404, ...), 0 otherwise
         * @param error         the transport error behind an abnormal close, or null
         */
        void onClosed(WssConnection c, int code, String reason, boolean remote, int upgradeStatus, Exception error);
    }

    private final long id;
    private final String host;
    private final Client client;
    private final Listener listener;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile Exception lastError;

    WssConnection(long id, URI presigned, SSLSocketFactory tls, int connectTimeoutMs, Listener listener) {
        this.id = id;
        this.host = presigned.getHost();
        this.listener = listener;
        this.client = new Client(presigned, connectTimeoutMs);
        if ("wss".equalsIgnoreCase(presigned.getScheme())) {
            client.setSocketFactory(tls);
        }
        // our own ping/pong watchdog runs on the control thread with the injected clock
        client.setConnectionLostTimeout(0);
        // An answer and its candidates leave as small frames back to back: with Nagle each one would wait for the
        // previous one's ACK, which a delayed-ACK peer holds for up to 40 ms (200 ms on some stacks).
        client.setTcpNoDelay(true);
    }

    /** Whether the open socket sends small frames at once (TCP_NODELAY); false before it is open. */
    boolean sendsWithoutDelay() {
        try {
            java.net.Socket s = client.getSocket();
            return s != null && s.isConnected() && s.getTcpNoDelay();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    long id() {
        return id;
    }

    String host() {
        return host;
    }

    void connect() {
        client.connect();
    }

    boolean isOpen() {
        return client.isOpen();
    }

    /** False when the socket is not open (the writer keeps the message for the next socket). */
    boolean send(String text) {
        if (!client.isOpen()) {
            return false;
        }
        try {
            client.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    void ping() {
        try {
            if (client.isOpen()) {
                client.sendPing();
            }
        } catch (WebsocketNotConnectedException ignored) {
            // closing; the close callback follows
        }
    }

    void close(int code, String reason) {
        client.close(code, reason);
    }

    /** Drop the TCP connection without a close handshake (dead peer). */
    void abort(String reason) {
        client.closeConnection(1006, reason);
    }

    @Override
    public String toString() {
        return "wss#" + id + "(" + host + ")";
    }

    private final class Client extends WebSocketClient {
        Client(URI uri, int connectTimeoutMs) {
            super(uri, new Draft_6455(), null, connectTimeoutMs);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            listener.onOpen(WssConnection.this);
        }

        @Override
        public void onMessage(String message) {
            listener.onText(WssConnection.this, message);
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            listener.onPong(WssConnection.this);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (!closedReported.compareAndSet(false, true)) {
                return;
            }
            int status = 0;
            Matcher m = UPGRADE_STATUS.matcher(reason == null ? "" : reason);
            if (m.find()) {
                status = Integer.parseInt(m.group(1));
            }
            listener.onClosed(WssConnection.this, code, reason, remote, status, lastError);
        }

        @Override
        public void onError(Exception ex) {
            lastError = ex;
        }
    }
}
