package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.net.PacketSender;
import com.kvscamera.rtc.srtp.SrtpSession;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS-SRTP for one peer: runs the handshake on its own thread ({@code dtls-<peer>}), then keeps reading DTLS
 * records on it (retransmitted Finished, close_notify) until the association ends.
 *
 * <pre>{@code
 * DtlsSrtpEndpoint dtls = new DtlsSrtpEndpoint(settings, certificate, viewerId, sessionExecutor);
 * ice.onDtls(dtls.receiver());                        // datagrams whose first byte is 20..63
 * dtls.start(DtlsRole.SERVER, remoteFingerprint, ice::send)
 *     .thenAccept(srtp -> media.start(srtp));         // completes on sessionExecutor
 * dtls.closed().thenAccept(reason -> session.end(reason));
 * ...
 * dtls.close();                                       // close_notify, thread gone on return
 * }</pre>
 *
 * Futures complete on the {@code events} executor, never on the DTLS thread, so a slow consumer cannot stall
 * the handshake or the reading of close_notify.
 */
public final class DtlsSrtpEndpoint implements AutoCloseable {
    /** How long close() waits for the DTLS thread to send close_notify and exit. */
    static final long CLOSE_JOIN_MILLIS = 2000;
    private static final Logger log = LoggerFactory.getLogger(DtlsSrtpEndpoint.class);

    private final DtlsSettings settings;
    private final DtlsCertificate certificate;
    private final String peer;
    private final Executor events;
    private final DtlsStats stats = new DtlsStats();
    private final QueueDatagramTransport transport;
    private final PacketReceiver receiver;
    private final CompletableFuture<SrtpSession> session = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    /** Set by whoever first decides the session future's outcome, so success and failure never race. */
    private final AtomicBoolean sessionSettled = new AtomicBoolean();
    private Thread thread; // guarded by this
    private boolean closeCalled; // guarded by this

    /**
     * @param peer short label for the remote peer (viewer id), used in the thread name and in error messages
     * @param events where futures complete; typically the peer session's serial executor
     */
    public DtlsSrtpEndpoint(DtlsSettings settings, DtlsCertificate certificate, String peer, Executor events) {
        this.settings = settings;
        this.certificate = certificate;
        this.peer = peer.length() > 40 ? peer.substring(0, 40) : peer;
        this.events = events;
        this.transport = new QueueDatagramTransport(settings.receiveQueue(), settings.mtu(), stats, this.peer);
        this.receiver = transport::offer;
    }

    /** Where the ICE layer delivers incoming DTLS datagrams; safe to call from any thread, before or after start. */
    public PacketReceiver receiver() {
        return receiver;
    }

    public CompletableFuture<SrtpSession> start(DtlsRole role, DtlsFingerprint remoteFingerprint, PacketSender sender) {
        return start(role, List.of(remoteFingerprint), sender);
    }

    /**
     * Starts the handshake. The future completes with the SRTP session once the handshake is done and keys
     * are exported, or fails with {@link DtlsHandshakeException} saying why.
     *
     * @param remoteFingerprints every a=fingerprint of the remote description; the certificate must match one
     */
    public synchronized CompletableFuture<SrtpSession> start(DtlsRole role, Collection<DtlsFingerprint> remoteFingerprints,
                                                             PacketSender sender) {
        if (thread != null) {
            throw new IllegalStateException("DTLS endpoint for " + peer + " already started");
        }
        if (closeCalled) {
            settle(f -> f.completeExceptionally(new DtlsHandshakeException(
                    "DTLS endpoint for " + peer + " was closed before start", null)));
            return session;
        }
        PeerCertificateVerifier verifier = new PeerCertificateVerifier(List.copyOf(remoteFingerprints), peer);
        transport.attach(sender);
        DtlsConnection connection = new DtlsConnection(role, verifier);
        thread = new Thread(connection::run, "dtls-" + peer);
        thread.setDaemon(true);
        thread.start();
        return session;
    }

    /** Completes once when the association ends, with the reason. */
    public CompletableFuture<CloseReason> closed() {
        return closed;
    }

    public DtlsFingerprint localFingerprint() {
        return certificate.fingerprint();
    }

    public DtlsStats stats() {
        return stats;
    }

    /** Datagrams queued for the DTLS thread. */
    int pendingDatagrams() {
        return transport.pending();
    }

    /**
     * Ends the association: sends close_notify if the handshake finished, fails a pending start(), and waits
     * (up to 2 s) for the DTLS thread to exit. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closeCalled) {
                t = thread;
            } else {
                closeCalled = true;
                t = thread;
                transport.requestClose();
                if (t == null) {
                    finish(CloseReason.LOCAL);
                }
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("DTLS thread for {} did not stop within {} ms", peer, CLOSE_JOIN_MILLIS);
            }
        }
    }

    private void deliver(Runnable action) {
        try {
            events.execute(action);
        } catch (RejectedExecutionException e) {
            action.run(); // the session is shutting down; completing here is still better than never
        }
    }

    private void settle(Consumer<CompletableFuture<SrtpSession>> outcome) {
        if (sessionSettled.compareAndSet(false, true)) {
            deliver(() -> outcome.accept(session));
        }
    }

    private void finish(CloseReason reason) {
        transport.close();
        settle(f -> f.completeExceptionally(new DtlsHandshakeException(
                "DTLS endpoint for " + peer + " closed before the handshake finished", null)));
        deliver(() -> closed.complete(reason));
    }

    /** Everything that runs on the DTLS thread. */
    private final class DtlsConnection {
        private final DtlsRole role;
        private final PeerCertificateVerifier verifier;
        private final HandshakeResult result = new HandshakeResult();

        DtlsConnection(DtlsRole role, PeerCertificateVerifier verifier) {
            this.role = role;
            this.verifier = verifier;
        }

        void run() {
            CloseReason reason = CloseReason.ERROR;
            try {
                reason = runInner();
            } catch (RuntimeException | Error e) {
                log.error("DTLS thread for {} failed", peer, e);
                settle(f -> f.completeExceptionally(e));
            } finally {
                finish(reason);
                log.debug("DTLS association with {} ended: {} ({})", peer, reason, stats);
            }
        }

        private CloseReason runInner() {
            BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
            long t0 = System.nanoTime();
            org.bouncycastle.tls.DTLSTransport dtls;
            try {
                dtls = DtlsHandshake.run(role, crypto, certificate, verifier, settings, result, transport, peer);
            } catch (Exception e) {
                DtlsHandshakeException failure = DtlsHandshake.describe(e, peer, transport.isClosing(), settings);
                if (transport.isClosing()) {
                    log.debug(failure.getMessage());
                } else {
                    log.warn(failure.getMessage());
                }
                settle(f -> f.completeExceptionally(failure));
                return transport.isClosing() ? CloseReason.LOCAL : CloseReason.HANDSHAKE_FAILED;
            }
            stats.handshakeMillis = (System.nanoTime() - t0) / 1_000_000;
            SrtpSession srtp = new SrtpSession(result.keys());
            log.info("DTLS with {} established in {} ms as {}: cipher suite {}, SRTP {}", peer, stats.handshakeMillis,
                    role, result.cipherSuite(), srtp.profile());
            settle(f -> f.complete(srtp));
            return DtlsHandshake.serve(dtls, transport, result, stats, peer);
        }
    }
}
