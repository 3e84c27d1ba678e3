package com.kvscamera.emulator.sigv4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KVS JS SDK's golden presign vectors (tst/SigV4RequestSigner.spec.ts) against the emulator's presigner. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SigV4PresignerTest {
    static final Instant AT = Instant.parse("2019-12-01T00:00:00Z");
    final SigV4Presigner presigner = new SigV4Presigner("us-west-2", "kinesisvideo", "AKIA4F7WJQR7FMMWMNXI",
            "FakeSecretKey");

    private static String signature(URI u) {
        String q = u.getRawQuery();
        int i = q.indexOf("X-Amz-Signature=");
        return q.substring(i + 16, i + 16 + 64);
    }

    @Test
    void withSessionToken() {
        URI u = presigner.presign(URI.create("wss://kvs.awsamazon.com"),
                Map.of("X-Amz-TestParam", "test-param-value", "X-Amz-Security-Token", "FakeSessionToken"), AT, 299);
        assertEquals("fc268038be276315822b4f73eafd28ee3a5632a2a35fdb0a88db9a42b13d6c92", signature(u));
        assertTrue(u.toString().startsWith("wss://kvs.awsamazon.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                + "AKIA4F7WJQR7FMMWMNXI%2F20191201%2Fus-west-2%2Fkinesisvideo%2Faws4_request&X-Amz-Date=20191201T000000Z"
                + "&X-Amz-Expires=299&X-Amz-Security-Token=FakeSessionToken"), u.toString());
    }

    @Test
    void withoutSessionToken() {
        URI u = presigner.presign(URI.create("wss://kvs.awsamazon.com"), Map.of("X-Amz-TestParam", "test-param-value"),
                AT, 299);
        assertEquals("be1e78950d956a8a9a1997417099ddbd7455619f3d08c4ad20e1e272179ca695", signature(u));
    }

    @Test
    void withPath() {
        URI u = presigner.presign(URI.create("wss://kvs.awsamazon.com/path/path/path"),
                Map.of("X-Amz-TestParam", "test-param-value", "X-Amz-Security-Token", "FakeSessionToken"), AT, 299);
        assertEquals("0bf3df6ca23d8d82f688e8dbfb90d69e74843d40038541b1721c545eef7612a4", signature(u));
    }

    @Test
    void theVerifierAcceptsThePresignedUrlUntilItExpires() throws Exception {
        URI u = presigner.presign(URI.create("wss://kvs.awsamazon.com"), Map.of("X-Amz-ChannelARN",
                "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam1/1600000000000"), AT, 299);
        SignedRequest req = new SignedRequest("GET", "/", u.getRawQuery(),
                n -> n.equalsIgnoreCase("host") ? List.of("kvs.awsamazon.com") : List.of(), new byte[0]);
        SigV4Verifier inTime = new SigV4Verifier("us-west-2", "kinesisvideo", "AKIA4F7WJQR7FMMWMNXI", "FakeSecretKey",
                Clock.fixed(AT.plusSeconds(299), ZoneOffset.UTC));
        assertEquals("AKIA4F7WJQR7FMMWMNXI", inTime.verifyPresigned(req));
        SigV4Verifier late = new SigV4Verifier("us-west-2", "kinesisvideo", "AKIA4F7WJQR7FMMWMNXI", "FakeSecretKey",
                Clock.fixed(AT.plusSeconds(300), ZoneOffset.UTC));
        AuthFailure f = assertThrows(AuthFailure.class, () -> late.verifyPresigned(req));
        assertEquals(403, f.status());
        assertTrue(f.getMessage().contains("expired"), f.getMessage());
        SignedRequest otherHost = new SignedRequest("GET", "/", u.getRawQuery(),
                n -> n.equalsIgnoreCase("host") ? List.of("evil.example") : List.of(), new byte[0]);
        assertThrows(AuthFailure.class, () -> inTime.verifyPresigned(otherHost));
    }
}
