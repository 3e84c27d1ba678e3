package com.kvscamera.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar kvs-emulator.jar --port 0 ... --turn} as a process, driven through its loopback admin API:
 * presigned viewer URLs, unsigned SendAlexaOfferToMaster, state. Its coturn is a child process, which
 * {@link #killTurn()} ends to make the TURN servers of the ICE configuration unreachable (closed ports).
 */
final class EmulatorProcess implements AutoCloseable {
    static final String CHANNEL = "bench-cam";
    static final String REGION = "us-west-2";
    static final String ACCESS_KEY = "AKIDBENCHEXAMPLE";
    static final String SECRET = "bench-secret-key-not-a-real-one";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmulatorProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static EmulatorProcess start(Launch launch, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Launch.java(), "-Xmx256m"));
        cmd.addAll(launch.emulator());
        cmd.addAll(List.of("--port", "0",
                "--region", REGION, "--access-key-id", ACCESS_KEY, "--secret-access-key", SECRET,
                "--create-channel", CHANNEL, "--turn"));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        String prefix = "kvs-emulator listening on ";
        if (first == null || !first.startsWith(prefix)) {
            p.destroyForcibly();
            throw new IOException("emulator did not start (first line: " + first + "); see " + log);
        }
        // keep draining stdout so the emulator never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) { /* informational lines */ }
            } catch (IOException ignored) {
                // process ended
            }
        }, "emulator-stdout");
        drain.setDaemon(true);
        drain.start();
        return new EmulatorProcess(p, URI.create(first.substring(prefix.length()).trim()));
    }

    URI baseUrl() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    URI presignViewer(String clientId) throws IOException, InterruptedException {
        JsonNode r = post("presign-viewer", JSON.createObjectNode().put("channelName", CHANNEL).put("clientId", clientId));
        return URI.create(r.get("url").asText());
    }

    /** SendAlexaOfferToMaster (unsigned admin variant); blocks until the master answers; returns the answer SDP. */
    String alexaOffer(String clientId, String sdp) throws IOException, InterruptedException {
        JsonNode r = post("alexa-offer", JSON.createObjectNode().put("channelName", CHANNEL)
                .put("senderClientId", clientId).put("sdp", sdp));
        JsonNode answer = JSON.readTree(Base64.getDecoder().decode(r.get("Answer").asText()));
        return answer.get("sdp").asText();
    }

    boolean masterConnected() throws IOException, InterruptedException {
        JsonNode state = get("state");
        for (JsonNode c : state.path("channels")) {
            if (CHANNEL.equals(c.path("name").asText())) return c.path("masterConnected").asBoolean(false);
        }
        return false;
    }

    /**
     * Stops coturn with SIGSTOP: its ports stay bound but nothing answers (TCP connects complete in the kernel's
     * backlog, UDP requests go unanswered), as with a TURN server behind a firewall that drops packets. Returns how
     * many processes were stopped.
     */
    int silenceTurn() throws IOException, InterruptedException {
        int n = 0;
        for (ProcessHandle h : process.descendants().toList()) {
            if (h.info().command().orElse("").contains("turnserver")) {
                // the JDK cannot send SIGSTOP; kill(1) can
                Process k = new ProcessBuilder("kill", "-STOP", Long.toString(h.pid())).inheritIO().start();
                if (k.waitFor() != 0) throw new IOException("kill -STOP " + h.pid() + " failed");
                n++;
            }
        }
        return n;
    }

    /** Ends coturn; the ICE configuration keeps naming its (now closed) ports. Returns how many were ended. */
    int killTurn() throws InterruptedException {
        int n = 0;
        for (ProcessHandle h : process.descendants().toList()) {
            if (h.info().command().orElse("").contains("turnserver")) {
                h.destroyForcibly();
                h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> h).join();
                n++;
            }
        }
        return n;
    }

    private JsonNode post(String op, JsonNode body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/_emulator/" + op)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return check(op, http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    private JsonNode get(String op) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/_emulator/" + op)).timeout(Duration.ofSeconds(10)).GET().build();
        return check(op, http.send(req, HttpResponse.BodyHandlers.ofString()));
    }

    private static JsonNode check(String op, HttpResponse<String> r) throws IOException {
        if (r.statusCode() / 100 != 2) throw new IOException("emulator " + op + ": HTTP " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: its shutdown hook stops coturn too
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
