package com.kvscamera.agent.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The signaling socket against a plain WebSocket server on loopback. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WssConnectionTest {

    static final class EchoServer extends WebSocketServer {
        final CompletableFuture<Integer> started = new CompletableFuture<>();

        EchoServer() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override public void onOpen(WebSocket conn, ClientHandshake handshake) { }
        @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) { }
        @Override public void onMessage(WebSocket conn, String message) { conn.send("echo " + message); }
        @Override public void onError(WebSocket conn, Exception ex) { }
        @Override public void onStart() { started.complete(getPort()); }
    }

    @Test
    void smallFramesLeaveAtOnceAndEachCloseIsReportedOnce() throws Exception {
        EchoServer server = new EchoServer();
        server.start();
        try {
            int port = server.started.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> open = new CompletableFuture<>();
            LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
            WssConnection c = new WssConnection(1, URI.create("ws://127.0.0.1:" + port + "/"), null, 5000,
                    new WssConnection.Listener() {
                        @Override public void onOpen(WssConnection c) { open.complete(null); }
                        @Override public void onText(WssConnection c, String text) { events.add(text); }
                        @Override public void onPong(WssConnection c) { }
                        @Override public void onClosed(WssConnection c, int code, String reason, boolean remote,
                                                       int upgradeStatus, Exception error) {
                            events.add("closed " + code);
                        }
                    });
            c.connect();
            open.get(10, TimeUnit.SECONDS);
            assertTrue(c.sendsWithoutDelay(), "TCP_NODELAY on the signaling socket");
            assertTrue(c.send("SDP_ANSWER"));
            assertEquals("echo SDP_ANSWER", events.poll(5, TimeUnit.SECONDS));
            c.close(1000, "bye");
            assertEquals("closed 1000", events.poll(5, TimeUnit.SECONDS));
            c.abort("dead peer");
            assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS), "exactly one close report");
        } finally {
            server.stop(1000);
        }
    }
}
