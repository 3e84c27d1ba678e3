package com.kvscamera.agent.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kvscamera.agent.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The KVS JS SDK golden vectors (tst/SigV4RequestSigner.spec.ts), as quoted in kvs-signaling.md §3.3. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SigV4SignerGoldenTest {
    private static final SigV4Signer SIGNER = new SigV4Signer("us-west-2", "kinesisvideo");
    private static final Instant NOW = Instant.parse("2019-12-01T00:00:00Z");
    private static final Map<String, String> QUERY = Map.of("X-Amz-TestParam", "test-param-value");
    private static final Credentials WITH_TOKEN = new Credentials("AKIA4F7WJQR7FMMWMNXI",
            new Secret("FakeSecretKey"), new Secret("FakeSessionToken"), null);
    private static final Credentials WITHOUT_TOKEN = Credentials.of("AKIA4F7WJQR7FMMWMNXI", "FakeSecretKey");

    @Test
    void presignWithSessionTokenMatchesTheFullJsUrl() {
        URI url = SIGNER.presign(URI.create("wss://kvs.awsamazon.com"), QUERY, WITH_TOKEN, NOW, Duration.ofSeconds(299));
        assertEquals("wss://kvs.awsamazon.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIA4F7WJQR7FMMWMNXI%2F20191201%2Fus-west-2%2Fkinesisvideo%2Faws4_request"
                + "&X-Amz-Date=20191201T000000Z&X-Amz-Expires=299&X-Amz-Security-Token=FakeSessionToken"
                + "&X-Amz-Signature=fc268038be276315822b4f73eafd28ee3a5632a2a35fdb0a88db9a42b13d6c92"
                + "&X-Amz-SignedHeaders=host&X-Amz-TestParam=test-param-value", url.toString());
    }

    @Test
    void presignWithoutSessionTokenMatchesJs() {
        URI url = SIGNER.presign(URI.create("wss://kvs.awsamazon.com"), QUERY, WITHOUT_TOKEN, NOW, Duration.ofSeconds(299));
        assertTrue(url.getRawQuery().contains(
                "X-Amz-Signature=be1e78950d956a8a9a1997417099ddbd7455619f3d08c4ad20e1e272179ca695"), url.toString());
        assertFalse(url.getRawQuery().contains("X-Amz-Security-Token"), url.toString());
    }

    @Test
    void presignWithPathMatchesJs() {
        URI url = SIGNER.presign(URI.create("wss://kvs.awsamazon.com/path/path/path"), QUERY, WITH_TOKEN, NOW,
                Duration.ofSeconds(299));
        assertTrue(url.getRawQuery().contains(
                "X-Amz-Signature=0bf3df6ca23d8d82f688e8dbfb90d69e74843d40038541b1721c545eef7612a4"), url.toString());
        assertEquals("/path/path/path", url.getRawPath());
    }

    @Test
    void presignEncodesTheChannelArnAndSortsParameters() {
        Credentials c = new Credentials("ASIAEXAMPLE", new Secret("s"), new Secret("IQoJ+/=="), null);
        URI url = SIGNER.presign(URI.create("wss://m-26d02974.kinesisvideo.us-west-2.amazonaws.com"),
                Map.of("X-Amz-ChannelARN", "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam1/1600000000000"),
                c, Instant.parse("2024-01-01T12:00:00Z"), Duration.ofSeconds(299));
        String q = url.getRawQuery();
        assertTrue(q.startsWith("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-ChannelARN="
                + "arn%3Aaws%3Akinesisvideo%3Aus-west-2%3A123456789012%3Achannel%2Fcam1%2F1600000000000"
                + "&X-Amz-Credential=ASIAEXAMPLE%2F20240101%2Fus-west-2%2Fkinesisvideo%2Faws4_request"
                + "&X-Amz-Date=20240101T120000Z&X-Amz-Expires=299&X-Amz-Security-Token=IQoJ%2B%2F%3D%3D"
                + "&X-Amz-Signature="), q);
        assertTrue(q.endsWith("&X-Amz-SignedHeaders=host"), q);
    }
}
