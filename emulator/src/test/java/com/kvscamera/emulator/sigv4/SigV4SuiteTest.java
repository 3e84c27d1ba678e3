package com.kvscamera.emulator.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS SigV4 test suite (aws-c-auth) run through the emulator's verifier: every header-signed and
 * query-signed request must verify, and flipping one signature character must not. Cases marked
 * "normalize": false describe S3's unnormalized-path signing, which KVS does not use; they are not in the set.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SigV4SuiteTest {
    static final Path SUITE = Path.of("../../shared/fixtures/sigv4");
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        try (var dirs = Files.list(SUITE)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (JSON.readTree(d.resolve("context.json").toFile()).path("normalize").asBoolean(true)) {
                    names.add(d.getFileName().toString());
                }
            }
        }
        return names.stream();
    }

    @Test
    void theSuiteIsThere() throws IOException {
        assertTrue(cases().count() >= 30, "expected the normalized cases of the suite");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void headerSignedRequestVerifies(String name) throws Exception {
        SigV4Verifier v = verifier(name);
        SignedRequest r = parse(SUITE.resolve(name).resolve("header-signed-request.txt"));
        assertEquals("AKIDEXAMPLE", v.verifyHeaderSigned(r));
        SignedRequest tampered = withHeader(r, "authorization", flipLast(r.headers().apply("authorization").get(0)));
        AuthFailure f = assertThrows(AuthFailure.class, () -> v.verifyHeaderSigned(tampered));
        assertEquals(403, f.status());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void querySignedRequestVerifies(String name) throws Exception {
        SigV4Verifier v = verifier(name);
        SignedRequest r = parse(SUITE.resolve(name).resolve("query-signed-request.txt"));
        if (JSON.readTree(SUITE.resolve(name).resolve("context.json").toFile()).path("omit_session_token").asBoolean()) {
            // S3-style token appended after signing: KVS signs X-Amz-Security-Token into the query, so refuse it
            assertThrows(AuthFailure.class, () -> v.verifyPresigned(r));
            return;
        }
        assertEquals("AKIDEXAMPLE", v.verifyPresigned(r));
        SignedRequest tampered = new SignedRequest(r.method(), r.rawPath(), flipLast(r.rawQuery()), r.headers(), r.body());
        assertThrows(AuthFailure.class, () -> v.verifyPresigned(tampered));
    }

    private static SigV4Verifier verifier(String name) throws IOException {
        JsonNode ctx = JSON.readTree(SUITE.resolve(name).resolve("context.json").toFile());
        Instant at = Instant.parse(ctx.get("timestamp").asText());
        return new SigV4Verifier(ctx.get("region").asText(), ctx.get("service").asText(),
                ctx.at("/credentials/access_key_id").asText(), ctx.at("/credentials/secret_access_key").asText(),
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private static String flipLast(String s) {
        char c = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (c == '0' ? '1' : '0');
    }

    /** Reads a raw HTTP request; folded header lines are unfolded with a single space. */
    static SignedRequest parse(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        byte[] body = split < 0 ? new byte[0] : text.substring(split + 2).getBytes(StandardCharsets.UTF_8);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1)});
        }
        return new SignedRequest(method, path, query, n -> headers.stream()
                .filter(h -> h[0].equals(n.toLowerCase(Locale.ROOT))).map(h -> h[1]).toList(), body);
    }

    private static SignedRequest withHeader(SignedRequest r, String name, String value) {
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(),
                n -> n.equalsIgnoreCase(name) ? List.of(value) : r.headers().apply(n), r.body());
    }
}
