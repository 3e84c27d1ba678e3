package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.MasterFixture.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.aws.Credentials;
import com.kvscamera.agent.aws.CredentialsProvider;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A signaling peer that accepts the socket and then goes silent (answers no ping) — the idle master of C#243.
 * The emulator always answers pings, so this uses a local fake: a tiny HTTP control plane and a WebSocket server
 * whose ping handler does nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PongTimeoutTest {

    @Test
    void noPongWithinTheTimeoutReconnectsWithADiagnostic() throws Exception {
        AtomicInteger sockets = new AtomicInteger();
        WebSocketServer silent = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onWebsocketPing(WebSocket conn, Framedata f) {
                // a dead peer: no pong
            }

            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                sockets.incrementAndGet();
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
            }
        };
        silent.setConnectionLostTimeout(0);
        silent.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            // getPort() is -1, not 0, until the server socket is bound
            assertTrue(await(Duration.ofSeconds(5), () -> silent.getPort() > 0) >= 0, "fake WSS server bound");
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            String ws = "ws://127.0.0.1:" + silent.getPort();
            reply(http, "/describeSignalingChannel",
                    "{\"ChannelInfo\":{\"ChannelName\":\"cam1\",\"ChannelARN\":\"arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam1/1\",\"ChannelStatus\":\"ACTIVE\"}}");
            reply(http, "/getSignalingChannelEndpoint", "{\"ResourceEndpointList\":[{\"Protocol\":\"WSS\",\"ResourceEndpoint\":\""
                    + ws + "\"},{\"Protocol\":\"HTTPS\",\"ResourceEndpoint\":\"" + base + "\"}]}");
            reply(http, "/v1/get-ice-server-config", "{\"IceServerList\":[]}");
            http.start();

            SignalingOptions o = SignalingOptions.defaults("us-west-2", "cam1").withControlPlaneEndpoint(URI.create(base))
                    .withKeepalive(Duration.ofMillis(200), Duration.ofSeconds(1));
            CredentialsProvider creds = new CredentialsProvider() {
                @Override
                public Credentials current() {
                    return Credentials.of("AKIDFAKE", "fake");
                }

                @Override
                public void invalidate() {
                }
            };
            List<SignalingEvent> events = new CopyOnWriteArrayList<>();
            try (SignalingMaster m = SignalingMaster.builder(o, creds, new StandInOfferHandler()).build()) {
                m.addListener(events::add);
                m.start();
                assertTrue(await(Duration.ofSeconds(10), () -> m.status().connected()) >= 0, "connected: " + m.status());
                long ms = await(Duration.ofSeconds(10), () -> m.status().connects() >= 2);
                assertTrue(ms >= 0, "reconnected after the pong timeout: " + m.status());
                System.out.println("[measure] silent peer: reconnected " + ms + " ms after the first connect (pongTimeout 1 s)");
                SignalingEvent.Reconnecting r = (SignalingEvent.Reconnecting) events.stream()
                        .filter(e -> e instanceof SignalingEvent.Reconnecting).findFirst().orElseThrow();
                assertTrue(r.reason().matches("no pong in [12]s after 0 ok"), r.reason());
                assertTrue(sockets.get() >= 2);
            }
        } finally {
            http.stop(0);
            silent.stop(1000);
        }
    }

    private static void reply(HttpServer http, String path, String json) {
        http.createContext(path, ex -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("content-type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
    }
}
