package com.kvscamera.agent.signaling;

import static com.kvscamera.agent.signaling.MasterFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.kvs.ClockOffset;
import com.kvscamera.agent.kvs.IceConfig;
import com.kvscamera.agent.kvs.KvsAuth;
import com.kvscamera.agent.kvs.KvsHttpClient;
import com.kvscamera.agent.kvs.TlsTrust;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The channel is deleted and recreated under a new ARN while the master is connected (kvs-signaling.md §6.1,
 * newer C SDK: GET_ICE_CONFIG 404 -> invalidate cache -> DESCRIBE). The socket's own reconnect is held back by a
 * long backoff, so only the ICE holder's 404 can bring the master to the new channel in time.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IceConfigNotFoundEmulatorTest {
    private static final Duration ICE_TTL = Duration.ofSeconds(4);
    private static final Duration SOCKET_BACKOFF = Duration.ofSeconds(30);

    /** Every bounded draw at its maximum: backoff waits its full ceiling, the ICE refresh jitter is the largest. */
    private static final class HighestDraws implements RandomGenerator {
        private final AtomicLong n = new AtomicLong();

        @Override
        public long nextLong() {
            return n.incrementAndGet();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    }

    @Test
    void iceConfig404AfterTheChannelIsRecreatedRediscoversItAndOffersAreAnsweredOnTheNewArn() throws Exception {
        try (MasterFixture f = new MasterFixture(b -> b.turn(true).iceTtl(ICE_TTL))) {
            SignalingOptions o = f.options();
            o = new SignalingOptions(o.region(), o.controlPlaneEndpoint(), o.channelName(), o.channelArn(),
                    o.createChannel(), o.clientId(), o.rotateAfter(), o.rotateJitter(), o.pingInterval(), o.pongTimeout(),
                    Duration.ofSeconds(2), o.connectTimeout(), o.requestTimeout(), SOCKET_BACKOFF, SOCKET_BACKOFF,
                    o.backoffResetAfter(), o.candidateBufferTtl(), o.answersPerSecond(), o.candidatesPerSecond(),
                    o.extraCaPem());
            f.master = SignalingMaster.builder(o, f.credentials, f.handler).random(new HighestDraws()).build();
            f.master.addListener(f.events::add);
            f.master.start();
            SignalingMaster m = f.master;
            assertTrue(await(Duration.ofSeconds(15), () -> m.status().connected() && f.masterConnectedOnEmulator()) >= 0,
                    "connected: " + m.status());
            String oldArn = f.emulator.channelArn(MasterFixture.CHANNEL);
            assertEquals(oldArn, turnArn(m.iceConfig().orElseThrow()));

            KvsHttpClient http = new KvsHttpClient(TlsTrust.context(f.emulator.caCertificateFile().orElseThrow()),
                    new KvsAuth("us-west-2", f.credentials, new ClockOffset(Clock.systemUTC())),
                    Duration.ofSeconds(5), Duration.ofSeconds(5));
            http.post("DeleteSignalingChannel", f.emulator.baseUrl(), "/deleteSignalingChannel", Map.of("ChannelARN", oldArn));
            // the emulator's ARN carries the creation millisecond (as the real one does): let it tick over
            long deletedAt = System.currentTimeMillis();
            while (System.currentTimeMillis() == deletedAt) {
                Thread.onSpinWait();
            }
            String newArn = f.emulator.createChannel(MasterFixture.CHANNEL);
            assertNotEquals(oldArn, newArn);
            long t0 = System.nanoTime();

            long ms = await(Duration.ofSeconds(20), () -> f.masterConnectedOnEmulator() && m.status().connected()
                    && m.iceConfig().map(c -> newArn.equals(turnArn(c))).orElse(false));
            assertTrue(ms >= 0, "on the new channel with its ICE config: " + m.status() + " " + m.iceConfig());
            long elapsed = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("[measure] channel recreated -> master on the new ARN with fresh ICE in " + elapsed
                    + " ms (socket backoff " + SOCKET_BACKOFF.toMillis() + " ms, ICE fetch failures "
                    + m.status().iceFetchFailures() + ")");
            // the dropped socket alone would have waited out its backoff: the ICE 404 brought the master back
            assertTrue(elapsed < SOCKET_BACKOFF.toMillis(), "rediscovered before the socket backoff: " + elapsed + " ms");
            assertTrue(m.status().iceFetchFailures() >= 1, "the holder saw the 404: " + m.status());

            TestViewer v = f.viewer("after-recreate");
            v.sendOffer();
            assertTrue(v.awaitAnswers(1, Duration.ofSeconds(10)), "offer answered on the new channel");
        }
    }

    /** The emulator's TURN username is {@code <expiry>:base64("v1:" + channelArn)}. */
    private static String turnArn(IceConfig c) {
        String user = c.turnServers().get(0).username();
        String id = new String(Base64.getDecoder().decode(user.substring(user.indexOf(':') + 1)), StandardCharsets.UTF_8);
        return id.substring("v1:".length());
    }
}
