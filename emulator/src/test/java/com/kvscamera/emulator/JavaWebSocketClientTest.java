package com.kvscamera.emulator;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java-WebSocket 1.6.0, the agent's client library, over ws:// and wss:// (its Host header, pings, closes). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaWebSocketClientTest {

    static final class Client extends WebSocketClient {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Void> pong = new CompletableFuture<>();

        Client(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }

        @Override
        public void onWebsocketPong(org.java_websocket.WebSocket conn, Framedata f) {
            pong.complete(null);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed.complete(code);
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    private static void relayAndFaults(KvsEmulator emu, SSLContext ssl) throws Exception {
        Client master = new Client(emu.presignMaster("cam1"));
        Client viewer = new Client(emu.presignViewer("cam1", "jws-viewer"));
        if (ssl != null) {
            master.setSocketFactory(ssl.getSocketFactory());
            viewer.setSocketFactory(ssl.getSocketFactory());
        }
        assertTrue(master.connectBlocking(5, TimeUnit.SECONDS), "master upgrade");
        assertTrue(viewer.connectBlocking(5, TimeUnit.SECONDS), "viewer upgrade");
        viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
        String offer = master.messages.poll(5, TimeUnit.SECONDS);
        assertNotNull(offer);
        assertTrue(offer.contains("\"senderClientId\":\"jws-viewer\""), offer);
        master.sendPing();
        master.pong.get(5, TimeUnit.SECONDS);
        emu.inject("cam1", "CLOSE_1001");
        assertEquals(1001, master.closed.get(5, TimeUnit.SECONDS));
        viewer.closeBlocking();
    }

    @Test
    void plain() throws Exception {
        try (KvsEmulator emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("cam1").build())) {
            relayAndFaults(emu, null);
        }
    }

    @Test
    void tls() throws Exception {
        try (KvsEmulator emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("cam1").tls(true).build())) {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, SdkClients.trustManagers(emu.caCertificateFile().orElseThrow()), null);
            relayAndFaults(emu, ssl);
        }
    }

}
