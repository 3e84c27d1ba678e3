package com.kvscamera.agent.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kvscamera.agent.config.IotConfig;
import com.kvscamera.agent.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary credentials from the AWS IoT credentials provider: {@code GET /role-aliases/<alias>/credentials} over
 * mutual TLS with the device certificate, header {@code x-amzn-iot-thingname}.
 *
 * <p>Credentials are cached. A background task refreshes them when 65–75% of their lifetime has passed (the spread
 * comes from the injected jitter, so a fleet rebooted together does not refresh together); {@link #current()}
 * fetches synchronously only when nothing is cached or the cache is within a minute of expiry (the background
 * refresh kept failing). A failed background refresh is retried with backoff.
 */
public final class IotCredentialsProvider implements CredentialsProvider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IotCredentialsProvider.class);
    /** The KVS C SDK uses 3 s to connect and 5 s to complete; the same budget here. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);
    static final Duration RETRY_MIN = Duration.ofSeconds(5);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);

    private final IotConfig cfg;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier jitter;
    private final Executor refreshExecutor;
    private final ExecutorService ownExecutor;
    private final IotTls tls;
    private final HttpClient http;
    private final URI uri;
    private final ReentrantLock fetchLock = new ReentrantLock();
    private final ObjectMapper json = new ObjectMapper();
    private volatile Credentials cached;
    private ScheduledFuture<?> scheduled; // guarded by fetchLock
    private int failures;                 // guarded by fetchLock
    private volatile boolean closed;

    /**
     * Reads the certificate and key now, so that unreadable or mismatched files fail at start-up.
     *
     * @param jitter    values in [0, 1) that spread refresh times (e.g. {@code ThreadLocalRandom.current()::nextDouble})
     * @param scheduler runs background refreshes; owned by the caller
     */
    public IotCredentialsProvider(IotConfig cfg, Clock clock, ScheduledExecutorService scheduler, DoubleSupplier jitter)
            throws CredentialsException {
        this(cfg, clock, scheduler, jitter, null);
    }

    /**
     * @param refreshExecutor runs the blocking background fetch, so that a slow endpoint never holds up the
     *                        scheduler's other timers; null = a daemon thread of this provider's own
     */
    IotCredentialsProvider(IotConfig cfg, Clock clock, ScheduledExecutorService scheduler, DoubleSupplier jitter,
                           Executor refreshExecutor) throws CredentialsException {
        if (refreshExecutor == null) {
            ExecutorService own = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "iot-credentials-refresh");
                t.setDaemon(true);
                return t;
            });
            this.ownExecutor = own;
            this.refreshExecutor = own;
        } else {
            this.ownExecutor = null;
            this.refreshExecutor = refreshExecutor;
        }
        this.cfg = cfg;
        this.clock = clock;
        this.scheduler = scheduler;
        this.jitter = jitter;
        this.tls = IotTls.load(cfg);
        this.uri = URI.create("https://" + cfg.endpoint() + "/role-aliases/" + cfg.roleAlias() + "/credentials");
        SSLParameters params = tls.context.getDefaultSSLParameters();
        // SNI must be the exact endpoint; the JDK leaves SNI out for dot-less names, so set it explicitly
        params.setServerNames(List.of(new SNIHostName(uri.getHost())));
        params.setEndpointIdentificationAlgorithm("HTTPS");
        this.http = HttpClient.newBuilder()
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "iot-credentials-http");
                    t.setDaemon(true);
                    return t;
                }))
                .sslContext(tls.context)
                .sslParameters(params)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public Credentials current() throws CredentialsException {
        Credentials c = cached;
        if (usable(c)) {
            return c;
        }
        fetchLock.lock();
        try {
            c = cached;
            return usable(c) ? c : refreshLocked();
        } finally {
            fetchLock.unlock();
        }
    }

    @Override
    public void invalidate() {
        cached = null;
    }

    @Override
    public void close() {
        closed = true;
        fetchLock.lock();
        try {
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        } finally {
            fetchLock.unlock();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    private boolean usable(Credentials c) {
        return c != null && (c.expiration() == null || clock.instant().isBefore(c.expiration().minus(EXPIRY_MARGIN)));
    }

    private Credentials refreshLocked() throws CredentialsException {
        Credentials fresh = fetch();
        cached = fresh;
        failures = 0;
        Instant now = clock.instant();
        Duration lifetime = Duration.between(now, fresh.expiration());
        long fraction = (long) (lifetime.toMillis() * (0.75 - 0.10 * clamp(jitter.getAsDouble())));
        Duration delay = Duration.ofMillis(Math.max(1000, fraction));
        schedule(delay);
        LOG.info("IoT credentials for thing {} via role alias {}: expire at {}, background refresh in {}s",
                cfg.thingName(), cfg.roleAlias(), fresh.expiration(), delay.toSeconds());
        return fresh;
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduled = scheduler.schedule(() -> {
            try {
                refreshExecutor.execute(this::backgroundRefresh);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        fetchLock.lock();
        try {
            refreshLocked();
        } catch (CredentialsException e) {
            failures++;
            long backoff = Math.min(RETRY_MAX.toMillis(), RETRY_MIN.toMillis() << Math.min(failures - 1, 10));
            LOG.warn("background refresh of IoT credentials failed (attempt {}), retrying in {}s: {}",
                    failures, backoff / 1000, e.getMessage());
            schedule(Duration.ofMillis(backoff));
        } catch (RuntimeException e) {
            LOG.error("background refresh of IoT credentials failed unexpectedly", e);
            schedule(RETRY_MAX);
        } finally {
            fetchLock.unlock();
        }
    }

    private Credentials fetch() throws CredentialsException {
        tls.checkValidity(clock.instant());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("x-amzn-iot-thingname", cfg.thingName())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while fetching IoT credentials from " + cfg.endpoint());
        } catch (IOException e) {
            throw new CredentialsException(describe(e));
        }
        if (response.statusCode() != 200) {
            throw new CredentialsException("IoT credentials provider " + cfg.endpoint() + " refused role alias \""
                    + cfg.roleAlias() + "\" for thing \"" + cfg.thingName() + "\": HTTP " + response.statusCode()
                    + errorDetail(response));
        }
        return parse(response.body());
    }

    private String describe(IOException e) {
        String where = "IoT credentials provider " + cfg.endpoint();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS handshake with " + where + " failed (" + t.getMessage() + "); check the endpoint, "
                        + "aws.credentials.iot.caCertificate, and that the device certificate is registered and active";
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof java.io.EOFException || m.contains("received no bytes") || m.contains("Connection reset")) {
            // with TLS 1.3 the server checks the client certificate after the handshake and just closes
            return where + " closed the connection without answering; it most likely refused the device "
                    + "certificate (not registered or not active in AWS IoT, or from a CA it does not know)";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "timed out connecting to " + where;
        }
        if (e instanceof HttpTimeoutException) {
            return "no response from " + where + " within " + REQUEST_TIMEOUT.toSeconds() + "s";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "cannot connect to " + where + " (connection refused or unreachable)";
        }
        return "cannot fetch credentials from " + where + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    }

    /** The error type and message of a refusal; these carry no secrets, unlike a 200 body. */
    private String errorDetail(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("x-amzn-ErrorType").map(t -> t.split(":", 2)[0]).orElse("");
        String message = "";
        try {
            JsonNode body = json.readTree(response.body());
            JsonNode m = body == null ? null : body.has("message") ? body.get("message") : body.get("Message");
            if (m != null && m.isTextual()) {
                message = m.asText();
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        message = message.replaceAll("\\s+", " ");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        String detail = (type + (type.isEmpty() || message.isEmpty() ? "" : ": ") + message).trim();
        return detail.isEmpty() ? "" : " " + detail;
    }

    private Credentials parse(byte[] body) throws CredentialsException {
        JsonNode c;
        try {
            c = json.readTree(new String(body, StandardCharsets.UTF_8)).path("credentials");
        } catch (IOException e) {
            throw new CredentialsException("IoT credentials provider " + cfg.endpoint() + " returned a body that is not JSON");
        }
        for (String field : new String[] {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"}) {
            if (!c.path(field).isTextual() || c.path(field).asText().isEmpty()) {
                throw new CredentialsException("IoT credentials provider " + cfg.endpoint()
                        + " returned a response without credentials." + field);
            }
        }
        Instant expiration;
        try {
            expiration = Instant.parse(c.get("expiration").asText());
        } catch (DateTimeParseException e) {
            throw new CredentialsException("IoT credentials provider " + cfg.endpoint()
                    + " returned an unreadable credentials.expiration: " + c.get("expiration").asText());
        }
        return new Credentials(c.get("accessKeyId").asText(), new Secret(c.get("secretAccessKey").asText()),
                new Secret(c.get("sessionToken").asText()), expiration);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
