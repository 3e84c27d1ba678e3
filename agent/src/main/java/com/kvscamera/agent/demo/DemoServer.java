package com.kvscamera.agent.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the demo's viewer page on loopback and proxies the emulator's loopback-only helpers to it, so the page
 * needs nothing from the internet and no CORS. The JDK's own HTTP server is enough here: the page is three files.
 */
public final class DemoServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STATIC = Map.of(
            "/", "index.html", "/index.html", "index.html", "/viewer.js", "viewer.js", "/style.css", "style.css");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI emulator;
    private final String channelName;
    private final Supplier<Map<String, Object>> status;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoServer(HttpServer server, ExecutorService executor, URI emulator, String channelName,
                       Supplier<Map<String, Object>> status) {
        this.server = server;
        this.executor = executor;
        this.emulator = emulator;
        this.channelName = channelName;
        this.status = status;
    }

    public static DemoServer start(int port, URI emulatorBaseUrl, String channelName,
                                   Supplier<Map<String, Object>> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        DemoServer demo = new DemoServer(server, executor, emulatorBaseUrl, channelName, status);
        server.createContext("/", demo::handle);
        server.start();
        return demo;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String file = STATIC.get(path);
            if (file != null && "GET".equals(ex.getRequestMethod())) {
                serveResource(ex, file);
            } else if ("/api/info".equals(path)) {
                reply(ex, 200, JSON.writeValueAsBytes(Map.of("channelName", channelName)));
            } else if ("/api/status".equals(path)) {
                reply(ex, 200, JSON.writeValueAsBytes(status.get()));
            } else if ("POST".equals(ex.getRequestMethod()) && path.startsWith("/api/")) {
                proxy(ex, path.substring("/api/".length()));
            } else {
                reply(ex, 404, "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            log.warn("demo page request {} failed: {}", ex.getRequestURI(), e.toString());
        }
    }

    private void proxy(HttpExchange ex, String op) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        ObjectNode body;
        try {
            body = raw.length == 0 ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(raw);
        } catch (IOException | ClassCastException e) {
            reply(ex, 400, "{\"message\":\"body must be a JSON object\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        body.put("channelName", channelName);
        String target = switch (op) {
            case "presign" -> "/_emulator/presign-viewer";
            case "ice" -> "/_emulator/ice-config";
            case "alexa-offer" -> "/_emulator/alexa-offer";
            default -> null;
        };
        if (target == null) {
            reply(ex, 404, "{\"message\":\"unknown demo api\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(emulator.resolve(target))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            reply(ex, res.statusCode(), res.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 503, "{\"message\":\"interrupted\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void serveResource(HttpExchange ex, String file) throws IOException {
        try (InputStream in = DemoServer.class.getResourceAsStream("/demo/" + file)) {
            if (in == null) {
                reply(ex, 404, new byte[0]);
                return;
            }
            String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
            ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            byte[] bytes = in.readAllBytes();
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void reply(HttpExchange ex, int code, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
