package com.kvscamera.emulator;

import com.kvscamera.emulator.sigv4.SigV4Presigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WSS upgrade: presigned URLs from the AWS SDK's own signer are accepted; bad ones get the real statuses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpgradeAuthTest {
    KvsEmulator emu;
    final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        if (emu != null) {
            emu.close();
        }
    }

    private void start(Clock clock) throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("cam1").clock(clock).build());
    }

    /** Presigns with software.amazon.awssdk:http-auth-aws, an implementation independent of the emulator's. */
    private URI sdkPresign(Map<String, String> params, AwsCredentialsIdentity creds, Instant signingTime) {
        URI http = URI.create("http://127.0.0.1:" + emu.baseUrl().getPort() + "/");
        SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(http);
        params.forEach(req::putRawQueryParameter);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(creds)
                .request(req.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesisvideo")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(299))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, java.time.ZoneOffset.UTC)));
        return URI.create(signed.request().getUri().toString().replaceFirst("^http", "ws"));
    }

    @Test
    void sdkPresignedMasterAndViewerUrlsAreAccepted() throws Exception {
        start(Clock.systemUTC());
        String arn = emu.channelArn("cam1");
        WsClient master = WsClient.connect(sdkPresign(Map.of("X-Amz-ChannelARN", arn),
                AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret"), Instant.now()));
        clients.add(master);
        // a session token is signed into the query (KVS requires it there); any token is accepted here
        WsClient viewer = WsClient.connect(sdkPresign(Map.of("X-Amz-ChannelARN", arn, "X-Amz-ClientId", "v-1"),
                AwsSessionCredentialsIdentity.create("AKIDEXAMPLE", "secret", "FakeSessionToken+/="), Instant.now()));
        clients.add(viewer);
        viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
        assertTrue(master.next(Duration.ofSeconds(5)).contains("\"senderClientId\":\"v-1\""));
    }

    @Test
    void badUpgradesGetTheDocumentedStatuses() throws Exception {
        start(Clock.systemUTC());
        String arn = emu.channelArn("cam1");
        AwsCredentialsIdentity good = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");
        assertEquals(403, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN", arn),
                AwsCredentialsIdentity.create("AKIDEXAMPLE", "wrong"), Instant.now())), "bad signature");
        assertEquals(403, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN", arn),
                AwsCredentialsIdentity.create("AKIDUNKNOWN", "secret"), Instant.now())), "unknown key");
        assertEquals(403, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN", arn), good,
                Instant.now().minusSeconds(600))), "expired presign (299 s)");
        assertEquals(403, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN", arn), good,
                Instant.now().plusSeconds(600))), "signed in the future");
        URI tampered = URI.create(emu.presignMaster("cam1").toString().replace("cam1", "cam2"));
        assertEquals(403, WsClient.upgradeStatus(tampered), "a changed parameter breaks the signature");
        URI noSig = URI.create(emu.presignMaster("cam1").toString().replaceAll("&X-Amz-Signature=[0-9a-f]+", ""));
        assertEquals(403, WsClient.upgradeStatus(noSig));

        assertEquals(404, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN",
                "arn:aws:kinesisvideo:us-west-2:123456789012:channel/ghost/1"), good, Instant.now())), "unknown channel");
        assertEquals(400, WsClient.upgradeStatus(sdkPresign(Map.of(), good, Instant.now())), "no ChannelARN");
        assertEquals(400, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN", "not-an-arn"), good,
                Instant.now())), "malformed ChannelARN");
        assertEquals(400, WsClient.upgradeStatus(sdkPresign(Map.of("X-Amz-ChannelARN", arn, "X-Amz-ClientId",
                "bad id!"), good, Instant.now())), "malformed ClientId");
        // none of that counted as a connection
        assertEquals(0, emu.state().channel("cam1").orElseThrow().masterConnections());
    }

    @Test
    void connectThrottleAndViewerLimit() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        start(clock);
        SigV4Presigner signer = new SigV4Presigner("us-west-2", "kinesisvideo", "AKIDEXAMPLE", "secret");
        URI ws = URI.create("ws://127.0.0.1:" + emu.baseUrl().getPort());
        String arn = emu.channelArn("cam1");
        int accepted = 0;
        for (int i = 0; i < 4; i++) {
            int status = WsClient.upgradeStatus(signer.presign(ws, Map.of("X-Amz-ChannelARN", arn), clock.instant(), 299));
            accepted += status == 101 ? 1 : 0;
            if (i == 3) {
                assertEquals(400, status, "4th master connect within one second");
            }
        }
        assertEquals(3, accepted);
        for (int i = 0; i < 10; i++) {
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1001));
            }
            clients.add(WsClient.connect(signer.presign(ws, Map.of("X-Amz-ChannelARN", arn, "X-Amz-ClientId", "v" + i),
                    clock.instant(), 299)));
        }
        clock.advance(Duration.ofMillis(1001));
        URI eleventh = signer.presign(ws, Map.of("X-Amz-ChannelARN", arn, "X-Amz-ClientId", "v10"), clock.instant(), 299);
        assertEquals(400, WsClient.upgradeStatus(eleventh), "at most 10 viewers");
        assertEquals(10, emu.state().channel("cam1").orElseThrow().viewers());
    }
}
