package com.kvscamera.agent.kvs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * SigV4-signed rest-json POSTs to KVS (control plane and HTTPS data plane) on java.net.http. Every failure is
 * classified by {@link OutcomeClassifier}; a clock-skew answer corrects {@link ClockOffset} from the response's
 * Date header before it is reported, so the caller's immediate retry is signed with the right time.
 */
public final class KvsHttpClient {
    private static final Logger LOG = Logger.getLogger(KvsHttpClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** java.net.http sets these itself and refuses them as user headers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "date", "expect");
    private static final int MAX_ERROR_DETAIL = 300;

    private final HttpClient http;
    private final KvsAuth auth;
    private final Duration timeout;

    public KvsHttpClient(SSLContext tls, KvsAuth auth, Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.auth = auth;
        this.timeout = timeout;
    }

    public KvsAuth auth() {
        return auth;
    }

    /** POSTs {@code body} as JSON to {@code endpoint + path}; returns the parsed JSON response. Blocking. */
    public JsonNode post(String operation, URI endpoint, String path, Object body) throws KvsCallException {
        URI uri = endpoint.resolve(path);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new KvsCallException(operation, Outcome.FATAL, 0, null, "cannot encode request", null, e);
        }
        Map<String, String> signed = auth.signHeaders(operation, uri, Map.of("content-type", "application/json"), bytes);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase())) {
                req.header(k, v);
            }
        });
        HttpResponse<String> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KvsCallException(operation, OutcomeClassifier.classify(e), 0, null,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()) + " (" + uri.getHost() + ")",
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KvsCallException(operation, Outcome.TRANSIENT, 0, null, "interrupted", null, e);
        }
        return handle(operation, resp);
    }

    private JsonNode handle(String operation, HttpResponse<String> resp) throws KvsCallException {
        int status = resp.statusCode();
        String body = resp.body() == null ? "" : resp.body();
        if (status >= 200 && status < 300) {
            try {
                return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new KvsCallException(operation, Outcome.TRANSIENT, status, null, "unparsable response", null, e);
            }
        }
        String errorType = errorType(resp, body);
        String message = errorMessage(body);
        Instant serverDate = resp.headers().firstValue("date").map(KvsHttpClient::parseDate).orElse(null);
        Outcome outcome = OutcomeClassifier.classify(status, errorType, body);
        if (outcome == Outcome.CLOCK_SKEW) {
            if (serverDate != null && auth.clock().correctFrom(serverDate)) {
                Duration off = auth.clock().offset();
                LOG.warning(() -> "the local clock is off by " + off.toSeconds() + " s (" + operation
                        + " said: " + message + "); signing with the server's time from now on");
            } else {
                // nothing to correct with: a retry would fail the same way, treat it like any auth failure
                outcome = Outcome.UNAUTHORIZED;
            }
        }
        throw new KvsCallException(operation, outcome, status, errorType, message, serverDate, null);
    }

    private static String errorType(HttpResponse<String> resp, String body) {
        String header = resp.headers().firstValue("x-amzn-ErrorType").orElse(null);
        if (header != null) {
            int colon = header.indexOf(':');
            return colon >= 0 ? header.substring(0, colon) : header;
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("__type")) {
                String t = n.get("__type").asText();
                int hash = t.lastIndexOf('#');
                return hash >= 0 ? t.substring(hash + 1) : t;
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the status alone classifies it
        }
        return null;
    }

    private static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null) {
                JsonNode m = n.has("Message") ? n.get("Message") : n.get("message");
                if (m != null) {
                    return truncate(m.asText());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through to the raw body
        }
        return truncate(body.strip());
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_DETAIL ? s : s.substring(0, MAX_ERROR_DETAIL) + "...";
    }

    static Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
