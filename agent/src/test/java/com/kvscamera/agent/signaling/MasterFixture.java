package com.kvscamera.agent.signaling;

import com.kvscamera.agent.aws.Credentials;
import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.kvs.TlsTrust;
import com.kvscamera.emulator.EmulatorOptions;
import com.kvscamera.emulator.KvsEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLSocketFactory;

/** Emulator + SignalingMaster wiring shared by the acceptance tests (real WSS, real SigV4, 127.0.0.1 only). */
final class MasterFixture implements AutoCloseable {
    static final String AKID = "AKIDSIGNALINGTEST";
    static final String SECRET = "signaling-test-secret-key-0123456789";
    static final String CHANNEL = "cam1";

    /** Static keys that count how often the master asked for fresh ones. */
    static final class CountingCredentials implements CredentialsProvider {
        final AtomicInteger invalidations = new AtomicInteger();
        private final Credentials creds;

        CountingCredentials(String secret) {
            this.creds = Credentials.of(AKID, secret);
        }

        @Override
        public Credentials current() {
            return creds;
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
        }
    }

    final KvsEmulator emulator;
    final StandInOfferHandler handler = new StandInOfferHandler();
    final List<SignalingEvent> events = new CopyOnWriteArrayList<>();
    final CountingCredentials credentials;
    SignalingMaster master;
    private final List<TestViewer> viewers = new CopyOnWriteArrayList<>();

    MasterFixture(UnaryOperator<EmulatorOptions.Builder> emu) throws Exception {
        this(emu, SECRET);
    }

    MasterFixture(UnaryOperator<EmulatorOptions.Builder> emu, String agentSecret) throws Exception {
        this.emulator = KvsEmulator.start(emu.apply(EmulatorOptions.builder().port(0).region("us-west-2")
                .accessKeyId(AKID).secretAccessKey(SECRET).createChannel(CHANNEL).tls(true)).build());
        this.credentials = new CountingCredentials(agentSecret);
    }

    /** Test-speed options: short keepalive and backoff cap, rotation far away unless a test sets it. */
    SignalingOptions options() {
        SignalingOptions o = SignalingOptions.defaults("us-west-2", CHANNEL)
                .withControlPlaneEndpoint(emulator.baseUrl())
                .withKeepalive(Duration.ofSeconds(1), Duration.ofSeconds(3));
        if (emulator.caCertificateFile().isPresent()) {
            o = o.withExtraCaPem(emulator.caCertificateFile().get());
        }
        return new SignalingOptions(o.region(), o.controlPlaneEndpoint(), o.channelName(), o.channelArn(),
                o.createChannel(), o.clientId(), o.rotateAfter(), o.rotateJitter(), o.pingInterval(), o.pongTimeout(),
                o.iceRefreshGrace(), o.connectTimeout(), o.requestTimeout(), o.backoffBase(), Duration.ofSeconds(2),
                o.backoffResetAfter(), o.candidateBufferTtl(), o.answersPerSecond(), o.candidatesPerSecond(),
                o.extraCaPem());
    }

    SignalingMaster start(SignalingOptions o, Clock clock) throws Exception {
        master = SignalingMaster.builder(o, credentials, handler).clock(clock).build();
        master.addListener(events::add);
        master.start();
        return master;
    }

    SignalingMaster start(SignalingOptions o) throws Exception {
        return start(o, Clock.systemUTC());
    }

    TestViewer viewer(String clientId) throws Exception {
        SSLSocketFactory tls = TlsTrust.context(emulator.caCertificateFile().orElse(null)).getSocketFactory();
        URI url = emulator.presignViewer(CHANNEL, clientId);
        TestViewer v = new TestViewer(url, tls, clientId);
        viewers.add(v);
        return v;
    }

    boolean masterConnectedOnEmulator() {
        return emulator.state().channel(CHANNEL).map(c -> c.masterConnected()).orElse(false);
    }

    /** Polls a condition that depends on real network I/O, up to a deadline; returns elapsed ms or -1. */
    static long await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean() ? (System.nanoTime() - start) / 1_000_000 : -1;
    }

    @Override
    public void close() {
        viewers.forEach(TestViewer::close);
        if (master != null) {
            master.stop();
        }
        emulator.close();
    }
}
