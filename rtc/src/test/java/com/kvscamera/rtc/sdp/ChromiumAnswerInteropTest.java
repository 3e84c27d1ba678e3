package com.kvscamera.rtc.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Chromium (headless, the Debian package the test script installs) negotiates with our answer builder:
 * a page served from 127.0.0.1 creates a recvonly audio+video offer, POSTs it here, applies the answer we
 * return with setRemoteDescription and POSTs back the browser's verdict and the state of its transceivers.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChromiumAnswerInteropTest {
    private static final byte[] PLID = {0x42, (byte) 0xe0, 0x1f};

    @TempDir
    Path dir;

    private static final String PAGE = """
            <html><body><script>
            (async () => {
              const runs = Number(new URLSearchParams(location.search).get('runs'));
              for (let i = 0; i < runs; i++) {
                let out;
                try {
                  const pc = new RTCPeerConnection();
                  pc.addTransceiver('audio', {direction: 'recvonly'});
                  pc.addTransceiver('video', {direction: 'recvonly'});
                  await pc.setLocalDescription(await pc.createOffer());
                  const answer = await (await fetch('/offer?run=' + i, {method: 'POST', body: pc.localDescription.sdp})).text();
                  await pc.setRemoteDescription({type: 'answer', sdp: answer});
                  const t = pc.getTransceivers().map(x => x.mid + ':' + x.currentDirection).join(',');
                  const v = pc.getTransceivers().find(x => x.receiver.track.kind === 'video');
                  out = 'OK ' + t + ' ' + pc.signalingState + ' ' + v.receiver.track.kind;
                  pc.close();
                } catch (e) {
                  out = 'ERROR ' + e.message;
                }
                await fetch('/result', {method: 'POST', body: out});
              }
            })();
            </script></body></html>
            """;

    /** Serves the page, answers each offer with {@code answerFor}, returns the browser's verdicts in order. */
    private List<String> negotiate(List<Function<SessionDescription, String>> answerFor) throws Exception {
        BlockingQueue<String> results = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page.html", ex -> reply(ex, "text/html", PAGE));
        server.createContext("/offer", ex -> {
            String offer = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int run = Integer.parseInt(ex.getRequestURI().getQuery().substring("run=".length()));
            String answer;
            try {
                answer = answerFor.get(run).apply(SdpParser.parse(offer));
            } catch (SdpException | RuntimeException e) {
                results.add("JAVA " + e.getMessage());
                answer = "";
            }
            reply(ex, "application/sdp", answer);
        });
        server.createContext("/result", ex -> {
            results.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(ex, "text/plain", "");
        });
        server.start();
        Process chromium = null;
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page.html?runs=" + answerFor.size();
            chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--user-data-dir=" + dir.resolve("profile"), url)
                    .redirectOutput(dir.resolve("chromium.out").toFile())
                    .redirectError(dir.resolve("chromium.err").toFile())
                    .start();
            List<String> verdicts = new java.util.ArrayList<>();
            for (int i = 0; i < answerFor.size(); i++) {
                String r = results.poll(30, TimeUnit.SECONDS);
                assertNotNull(r, "no verdict from chromium for run " + i + " (alive: " + chromium.isAlive() + ")");
                verdicts.add(r);
            }
            return verdicts;
        } finally {
            if (chromium != null) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
                chromium.waitFor(10, TimeUnit.SECONDS);
            }
            server.stop(0);
        }
    }

    private static void reply(HttpExchange ex, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
        ex.close();
    }

    private static AnswerBuilder builder(DtlsSetup setup) {
        return new AnswerBuilder(new LocalTransport("Cam1", "abcdefghijklmnopqrstuvwx", AnswerBuilderTest.fingerprint(), setup),
                new LocalVideoTrack(0x12345678, "kvs-cam", "kvs-camera", "camera-video", PLID), 7L);
    }

    private static final List<SdpCandidate> OURS = List.of(
            SdpCandidate.of("1", 1, "udp", 2122260223L, "127.0.0.1", 50000, "host", null, -1),
            SdpCandidate.of("2", 1, "udp", 1686052607L, "203.0.113.7", 50000, "srflx", "127.0.0.1", 50000),
            SdpCandidate.of("3", 1, "udp", 41885439L, "198.51.100.9", 61000, "relay", "203.0.113.7", 50000));

    private static Function<SessionDescription, String> answer(SdpFunction f) {
        return offer -> {
            try {
                return f.apply(offer);
            } catch (SdpException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    @FunctionalInterface
    private interface SdpFunction {
        String apply(SessionDescription offer) throws SdpException;
    }

    @Test
    void chromiumAcceptsOurAnswersAndRejectsABrokenOne() throws Exception {
        List<String> verdicts = negotiate(List.of(
                answer(o -> builder(DtlsSetup.ACTIVE).build(o, List.of(), false).sdp()),
                answer(o -> builder(DtlsSetup.ACTIVE).buildWithinLimit(o, OURS, 10_000).sdp()),
                answer(o -> builder(DtlsSetup.PASSIVE).build(o, OURS, true).sdp()),
                answer(o -> builder(DtlsSetup.ACTIVE).build(o, List.of(), false).sdp().replace("a=rtcp-mux\r\n", ""))));
        // the rejected audio m-line's transceiver is stopped and gone; video is received
        assertEquals("OK 1:recvonly stable video", verdicts.get(0));
        assertEquals("OK 1:recvonly stable video", verdicts.get(1));
        assertEquals("OK 1:recvonly stable video", verdicts.get(2));
        assertTrue(verdicts.get(3).startsWith("ERROR ") && verdicts.get(3).contains("rtcp-mux"), verdicts.get(3));
    }
}
