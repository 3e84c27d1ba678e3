package com.kvscamera.agent.kvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.aws.Credentials;
import com.kvscamera.agent.aws.CredentialsProvider;
import com.kvscamera.agent.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The single retry classifier, the clock offset and the credential guard. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutcomeClassifierTest {

    @Test
    void httpResponses() {
        assertEquals(Outcome.OK, OutcomeClassifier.classify(200, null, "{}"));
        assertEquals(Outcome.UNAUTHORIZED, OutcomeClassifier.classify(403, "InvalidSignatureException",
                "{\"message\":\"The request signature we calculated does not match\"}"));
        assertEquals(Outcome.UNAUTHORIZED, OutcomeClassifier.classify(401, "AccessDeniedException", "{}"));
        assertEquals(Outcome.CLOCK_SKEW, OutcomeClassifier.classify(403, "InvalidSignatureException",
                "{\"message\":\"Signature expired: 20231107T044734Z is now earlier than 20231107T045305Z (20231107T045805Z - 5 min.)\"}"));
        assertEquals(Outcome.CLOCK_SKEW, OutcomeClassifier.classify(403, null, "{\"message\":\"Signature not yet current: ...\"}"));
        assertEquals(Outcome.NOT_FOUND, OutcomeClassifier.classify(404, "ResourceNotFoundException", "{}"));
        assertEquals(Outcome.THROTTLED, OutcomeClassifier.classify(400, "ClientLimitExceededException", "{}"));
        assertEquals(Outcome.THROTTLED, OutcomeClassifier.classify(429, null, ""));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(500, null, ""));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(503, null, ""));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(400, "ResourceInUseException", "{}"));
        assertEquals(Outcome.FATAL, OutcomeClassifier.classify(400, "InvalidArgumentException", "{}"));
    }

    @Test
    void failuresWithoutResponse() {
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(new ConnectException("Connection refused")));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(new HttpTimeoutException("request timed out")));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(new IOException("reset")));
        assertEquals(Outcome.FATAL, OutcomeClassifier.classify(new SSLHandshakeException("PKIX path building failed")));
        // a Pi without RTC before NTP: the certificate looks "not yet valid"; waiting fixes it
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classify(new SSLHandshakeException("certificate not yet valid")));
    }

    @Test
    void upgradeStatuses() {
        assertEquals(Outcome.UNAUTHORIZED, OutcomeClassifier.classifyUpgrade(403));
        assertEquals(Outcome.NOT_FOUND, OutcomeClassifier.classifyUpgrade(404));
        assertEquals(Outcome.THROTTLED, OutcomeClassifier.classifyUpgrade(400));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classifyUpgrade(502));
        assertEquals(Outcome.TRANSIENT, OutcomeClassifier.classifyUpgrade(0));
    }

    @Test
    void clockOffsetIsLearnedOnceAndNoiseIgnored() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        ClockOffset offset = new ClockOffset(clock);
        assertTrue(offset.correctFrom(Instant.parse("2026-01-01T00:10:00Z")));
        assertEquals(Duration.ofMinutes(10), offset.offset());
        assertEquals(Instant.parse("2026-01-01T00:10:00Z"), offset.now());
        // the same server time a second later: nothing new to correct, a retry would not help
        clock.advance(Duration.ofSeconds(1));
        assertFalse(offset.correctFrom(Instant.parse("2026-01-01T00:10:01Z")));
        assertEquals(Instant.parse("2026-01-01T00:10:01Z"), KvsHttpClient.parseDate("Thu, 01 Jan 2026 00:10:01 GMT"));
    }

    @Test
    void temporaryCredentialsAreRefreshedBeforeTheyExpire() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger invalidations = new AtomicInteger();
        CredentialsProvider p = new CredentialsProvider() {
            private Credentials cached;

            @Override
            public Credentials current() {
                if (cached == null) {
                    fetches.incrementAndGet();
                    cached = new Credentials("ASIATEST", new Secret("s"), new Secret("token-" + fetches.get()),
                            clock.instant().plus(Duration.ofMinutes(15)));
                }
                return cached;
            }

            @Override
            public void invalidate() {
                invalidations.incrementAndGet();
                cached = null;
            }
        };
        KvsAuth auth = new KvsAuth("us-west-2", p, new ClockOffset(clock));
        assertEquals("token-1", auth.credentials("test").sessionToken().value());
        clock.advance(Duration.ofMinutes(9));
        assertEquals("token-1", auth.credentials("test").sessionToken().value(), "6 min left: still fine");
        clock.advance(Duration.ofMinutes(2));
        assertEquals("token-2", auth.credentials("test").sessionToken().value(), "4 min left: refreshed before use");
        assertEquals(1, invalidations.get());
        String url = auth.presignConnect(java.net.URI.create("wss://m-1.kinesisvideo.us-west-2.amazonaws.com"),
                "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam1/1").toString();
        assertTrue(url.startsWith("wss://m-1.kinesisvideo.us-west-2.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-ChannelARN=arn%3Aaws"), url);
        assertTrue(url.contains("X-Amz-Security-Token=token-2") && url.contains("X-Amz-Expires=299"), url);
    }

    @Test
    void stunOnlyForTheRealService() {
        assertEquals("stun:stun.kinesisvideo.us-west-2.amazonaws.com:443", KvsEndpoints.regionalStun("us-west-2"));
        assertEquals("stun:stun.kinesisvideo.cn-north-1.amazonaws.com.cn:443", KvsEndpoints.regionalStun("cn-north-1"));
        assertTrue(KvsEndpoints.isRealAws(KvsEndpoints.controlPlane("eu-west-1")));
        assertFalse(KvsEndpoints.isRealAws(java.net.URI.create("https://127.0.0.1:8443")));
    }
}
