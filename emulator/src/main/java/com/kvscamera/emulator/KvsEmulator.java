package com.kvscamera.emulator;

import com.kvscamera.emulator.admin.AdminApi;
import com.kvscamera.emulator.api.ApiException;
import com.kvscamera.emulator.api.IceServerConfig;
import com.kvscamera.emulator.server.EmulatorServer;
import com.kvscamera.emulator.sigv4.SigV4Presigner;
import com.kvscamera.emulator.sigv4.SigV4Verifier;
import com.kvscamera.emulator.signaling.SignalingRouter;
import com.kvscamera.emulator.tls.TlsMaterial;
import com.kvscamera.emulator.turn.CoturnProcess;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local Kinesis Video Streams signaling service on one loopback port: control plane, HTTPS data plane,
 * WSS signaling, admin API; optionally TLS and a supervised coturn.
 */
public final class KvsEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KvsEmulator.class);
    static final String SERVICE = "kinesisvideo";

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final EmulatorOptions options;
    private final SignalingRouter router;
    private final EmulatorServer server;
    private final AdminApi admin;
    private final URI baseUrl;
    private final Path workDir;
    private final TlsMaterial tls;
    private final CoturnProcess coturn;

    private KvsEmulator(EmulatorOptions options, SignalingRouter router, EmulatorServer server, AdminApi admin,
                        URI baseUrl, Path workDir, TlsMaterial tls, CoturnProcess coturn) {
        this.options = options;
        this.router = router;
        this.server = server;
        this.admin = admin;
        this.baseUrl = baseUrl;
        this.workDir = workDir;
        this.tls = tls;
        this.coturn = coturn;
    }

    public static KvsEmulator start(EmulatorOptions options) throws IOException {
        Path workDir = Files.createTempDirectory("kvs-emulator-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        TlsMaterial tls = null;
        CoturnProcess coturn = null;
        SignalingRouter router = null;
        EmulatorServer server = new EmulatorServer();
        try {
            SslContext ssl = null;
            if (options.tls()) {
                tls = TlsMaterial.generate(workDir, options.clock());
                ssl = SslContextBuilder.forServer(tls.serverKey(), tls.serverCertificate(), tls.caCertificate())
                        .sslProvider(SslProvider.JDK).build();
            }
            if (options.turn()) {
                CoturnProcess.Config cfg = tls == null
                        ? CoturnProcess.Config.plain(CoturnProcess.randomSecret(), "kvs-emulator")
                        : new CoturnProcess.Config(CoturnProcess.randomSecret(), "kvs-emulator", tls.serverCertFile(),
                        tls.serverKeyFile());
                coturn = CoturnProcess.start(cfg);
            }
            router = new SignalingRouter(new SignalingRouter.Config(options.region(), options.accountId(),
                    options.clock(), options.sessionTtl(), options.goAwayGrace(), options.messageTtl()),
                    new IceServerConfig(Optional.ofNullable(coturn).map(CoturnProcess::info), options.iceTtl(),
                            options.clock()));
            SigV4Verifier verifier = new SigV4Verifier(options.region(), SERVICE, options.accessKeyId(),
                    options.secretAccessKey(), options.clock());
            SigV4Presigner presigner = new SigV4Presigner(options.region(), SERVICE, options.accessKeyId(),
                    options.secretAccessKey());
            java.util.concurrent.atomic.AtomicReference<URI> wsEndpoint = new java.util.concurrent.atomic.AtomicReference<>();
            AdminApi admin = new AdminApi(router, presigner, wsEndpoint::get, options.clock());
            int port = server.start(options.port(), ssl, router, admin, verifier, options.clock(), options.idleTimeout());
            String http = (options.tls() ? "https" : "http") + "://127.0.0.1:" + port;
            String ws = (options.tls() ? "wss" : "ws") + "://127.0.0.1:" + port;
            wsEndpoint.set(URI.create(ws));
            router.setEndpoints(ws, http);
            for (String name : options.channels()) {
                await(router.ensureChannel(name));
            }
            LOG.info("kvs-emulator listening on {} (region {}, tls {}, turn {})", http, options.region(),
                    options.tls(), coturn != null);
            return new KvsEmulator(options, router, server, admin, URI.create(http), workDir, tls, coturn);
        } catch (IOException | RuntimeException e) {
            cleanup(server, router, coturn, workDir);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanup(server, router, coturn, workDir);
            throw new IOException("interrupted while starting the emulator", e);
        } catch (java.security.GeneralSecurityException e) {
            cleanup(server, router, coturn, workDir);
            throw new IOException("cannot create the TLS certificate: " + e.getMessage(), e);
        }
    }

    /** http://127.0.0.1:PORT, or https:// with TLS. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** ws://127.0.0.1:PORT, or wss:// with TLS. */
    public URI wsUrl() {
        return URI.create((tls != null ? "wss" : "ws") + "://" + baseUrl.getAuthority());
    }

    /** PEM file of the CA that signed the server certificate, when TLS is on. */
    public Optional<Path> caCertificateFile() {
        return Optional.ofNullable(tls).map(TlsMaterial::caFile);
    }

    /** ARN of an existing channel; IllegalArgumentException when there is none by that name. */
    public String channelArn(String name) {
        return await(router.channelArn(name));
    }

    /** Creates a channel (with the default settings) unless it exists; returns its ARN. */
    public String createChannel(String name) {
        return await(router.ensureChannel(name));
    }

    public EmulatorState state() {
        return await(router.state());
    }

    /** GO_AWAY | RECONNECT_ICE_SERVER | CLOSE_1001 | DROP | STRAY_FRAME on the channel's current master. */
    public void inject(String channelName, String event) {
        await(router.inject(channelName, event));
    }

    /** A presigned viewer URL signed with the emulator's own credentials. */
    public URI presignViewer(String channelName, String clientId) {
        return admin.presign(channelArn(channelName), clientId);
    }

    /** A presigned master URL signed with the emulator's own credentials. */
    public URI presignMaster(String channelName) {
        return admin.presign(channelArn(channelName), null);
    }

    public Optional<TurnServerInfo> turn() {
        return Optional.ofNullable(coturn).map(CoturnProcess::info);
    }

    public EmulatorOptions options() {
        return options;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // try-with-resources and a shutdown hook may both close it
        }
        router.goingAway(Duration.ofSeconds(2)); // before the event loops stop, so the close frames get out
        cleanup(server, router, coturn, workDir);
        LOG.info("kvs-emulator on {} stopped", baseUrl);
    }

    private static void cleanup(EmulatorServer server, SignalingRouter router, CoturnProcess coturn, Path workDir) {
        server.close();
        if (router != null) {
            router.close();
        }
        if (coturn != null) {
            coturn.close();
        }
        try (var files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", workDir, e.toString());
        }
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw new IllegalArgumentException(api.type() + ": " + api.getMessage(), api);
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the emulator's router did not answer within 10 s", e);
        }
    }
}
