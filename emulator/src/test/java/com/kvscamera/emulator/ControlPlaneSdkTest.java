package com.kvscamera.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelInfo;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelType;
import software.amazon.awssdk.services.kinesisvideo.model.CreateSignalingChannelResponse;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceEndpointListItem;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS SDK's kinesisvideo client, unchanged, against the emulator's control plane. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlPlaneSdkTest {
    static KvsEmulator emu;
    static KinesisVideoClient cp;

    @BeforeAll
    static void start() throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().port(0).region("us-west-2").accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("preexisting").build());
        cp = SdkClients.controlPlane(emu, "secret", false);
    }

    @AfterAll
    static void stop() {
        cp.close();
        emu.close();
    }

    /** The SDK keeps a JVM-wide clock offset once it corrects for skew; every test starts from none. */
    @org.junit.jupiter.api.AfterEach
    void resetSdkClockOffset() {
        software.amazon.awssdk.core.SdkGlobalTime.setGlobalTimeOffset(0);
    }

    @Test
    void createDescribeListAndGetEndpoints() {
        CreateSignalingChannelResponse created = cp.createSignalingChannel(b -> b.channelName("cam-sdk")
                .channelType(ChannelType.SINGLE_MASTER).singleMasterConfiguration(c -> c.messageTtlSeconds(30))
                .tags(t -> t.key("site").value("home")));
        assertTrue(created.channelARN().matches(
                "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam-sdk/\\d{13}"), created.channelARN());

        ChannelInfo info = cp.describeSignalingChannel(b -> b.channelName("cam-sdk")).channelInfo();
        assertEquals(created.channelARN(), info.channelARN());
        assertEquals(Status.ACTIVE, info.channelStatus());
        assertEquals(ChannelType.SINGLE_MASTER, info.channelType());
        assertEquals(30, info.singleMasterConfiguration().messageTtlSeconds());
        assertTrue(info.version().matches("[a-zA-Z0-9]{1,64}"));
        assertTrue(Math.abs(info.creationTime().toEpochMilli() - System.currentTimeMillis()) < 60_000);
        assertEquals(info, cp.describeSignalingChannel(b -> b.channelARN(created.channelARN())).channelInfo());

        List<ChannelInfo> all = cp.listSignalingChannels(b -> b.maxResults(100)).channelInfoList();
        assertTrue(all.stream().anyMatch(c -> c.channelName().equals("cam-sdk")));
        assertTrue(all.stream().anyMatch(c -> c.channelName().equals("preexisting")));
        List<ChannelInfo> filtered = cp.listSignalingChannels(b -> b.channelNameCondition(
                c -> c.comparisonOperator("BEGINS_WITH").comparisonValue("cam-"))).channelInfoList();
        assertEquals(1, filtered.size());

        List<ResourceEndpointListItem> endpoints = cp.getSignalingChannelEndpoint(b -> b.channelARN(created.channelARN())
                .singleMasterChannelEndpointConfiguration(c -> c.role(ChannelRole.MASTER)
                        .protocols(ChannelProtocol.WSS, ChannelProtocol.HTTPS))).resourceEndpointList();
        assertEquals(2, endpoints.size());
        assertEquals("ws://127.0.0.1:" + emu.baseUrl().getPort(), endpoints.get(0).resourceEndpoint());
        assertEquals(emu.baseUrl().toString(), endpoints.get(1).resourceEndpoint());
    }

    @Test
    void temporaryCredentialsWithASessionTokenAreAccepted() {
        try (KinesisVideoClient c = KinesisVideoClient.builder().region(software.amazon.awssdk.regions.Region.US_WEST_2)
                .endpointOverride(emu.baseUrl())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("AKIDEXAMPLE", "secret",
                                "IQoJb3JpZ2luX2VjEXAMPLE+/=")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build()) {
            assertEquals("preexisting", c.describeSignalingChannel(b -> b.channelName("preexisting"))
                    .channelInfo().channelName());
        }
    }

    @Test
    void paginationWalksEveryChannel() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            cp.createSignalingChannel(b -> b.channelName("page-" + n));
        }
        int seen = 0;
        String token = null;
        do {
            String t = token;
            var page = cp.listSignalingChannels(b -> b.maxResults(2).nextToken(t)
                    .channelNameCondition(c -> c.comparisonOperator("BEGINS_WITH").comparisonValue("page-")));
            seen += page.channelInfoList().size();
            token = page.nextToken();
        } while (token != null);
        assertEquals(5, seen);
    }

    @Test
    void modeledErrorsMapToTheSdkExceptionTypes() {
        ResourceNotFoundException nf = assertThrows(ResourceNotFoundException.class,
                () -> cp.describeSignalingChannel(b -> b.channelName("nope")));
        assertEquals(404, nf.statusCode());
        assertEquals("The requested channel is not found or not active.", nf.awsErrorDetails().errorMessage());
        assertTrue(nf.requestId() != null && !nf.requestId().isEmpty(), "x-amzn-RequestId");

        cp.createSignalingChannel(b -> b.channelName("dup"));
        ResourceInUseException inUse = assertThrows(ResourceInUseException.class,
                () -> cp.createSignalingChannel(b -> b.channelName("dup")));
        assertEquals(400, inUse.statusCode());

        InvalidArgumentException badName = assertThrows(InvalidArgumentException.class,
                () -> cp.createSignalingChannel(b -> b.channelName("bad name!")));
        assertTrue(badName.getMessage().contains("'ChannelName'"), badName.getMessage());

        InvalidArgumentException badTtl = assertThrows(InvalidArgumentException.class,
                () -> cp.createSignalingChannel(b -> b.channelName("ttl").singleMasterConfiguration(c -> c.messageTtlSeconds(500))));
        assertTrue(badTtl.getMessage().contains("MessageTtlSeconds"), badTtl.getMessage());

        InvalidArgumentException neither = assertThrows(InvalidArgumentException.class,
                () -> cp.describeSignalingChannel(b -> { }));
        assertTrue(neither.getMessage().contains("ChannelName or ChannelARN"), neither.getMessage());

        String arn = emu.channelArn("preexisting");
        assertThrows(InvalidArgumentException.class, () -> cp.getSignalingChannelEndpoint(b -> b.channelARN(arn)
                .singleMasterChannelEndpointConfiguration(c -> c.role(ChannelRole.MASTER)
                        .protocols(ChannelProtocol.WEBRTC))));
    }

    @Test
    void deleteWithVersionCheck() {
        String arn = cp.createSignalingChannel(b -> b.channelName("to-delete")).channelARN();
        assertThrows(VersionMismatchException.class,
                () -> cp.deleteSignalingChannel(b -> b.channelARN(arn).currentVersion("stale0version")));
        String version = cp.describeSignalingChannel(b -> b.channelARN(arn)).channelInfo().version();
        cp.deleteSignalingChannel(b -> b.channelARN(arn).currentVersion(version));
        assertThrows(ResourceNotFoundException.class, () -> cp.describeSignalingChannel(b -> b.channelARN(arn)));
    }

    @Test
    void wrongSecretGetsTheSdks403() {
        try (KinesisVideoClient wrong = SdkClients.controlPlane(emu, "not-the-secret", false)) {
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> wrong.describeSignalingChannel(b -> b.channelName("preexisting")));
            assertEquals(403, e.statusCode());
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertTrue(e.getMessage().contains("The request signature we calculated does not match"), e.getMessage());
        }
    }

    @Test
    void unknownAccessKeyGets403() throws Exception {
        try (KvsEmulator other = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDOTHER")
                .secretAccessKey("secret").build());
             KinesisVideoClient client = SdkClients.controlPlane(emu, "secret", false)) {
            // a client of this emulator signing for the other one's endpoint: unknown access key there
            KinesisVideoClient c = software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient.builder()
                    .region(software.amazon.awssdk.regions.Region.US_WEST_2).endpointOverride(other.baseUrl())
                    .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                            .create("AKIDEXAMPLE", "secret"))
                    .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build();
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> c.listSignalingChannels(b -> { }));
            assertEquals(403, e.statusCode());
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            c.close();
            assertEquals(0, client.listSignalingChannels(b -> b.channelNameCondition(
                    x -> x.comparisonOperator("BEGINS_WITH").comparisonValue("zz"))).channelInfoList().size());
        }
    }

    @Test
    void requestSignedTenMinutesAgoGetsSignatureExpired() throws Exception {
        // the emulator's clock runs 10 minutes ahead, so the SDK's signature is 10 minutes old when it arrives
        try (KvsEmulator ahead = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("c")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))).build());
             KinesisVideoClient client = SdkClients.controlPlane(ahead, "secret", false)) {
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> client.describeSignalingChannel(b -> b.channelName("c")));
            assertEquals(403, e.statusCode());
            String message = e.awsErrorDetails().errorMessage();
            assertTrue(message.matches("Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z "
                    + "\\(\\d{8}T\\d{6}Z - 5 min\\.\\)"), message);
        }
    }

    @Test
    void requestSignedTenMinutesAheadGetsNotYetCurrent() throws Exception {
        try (KvsEmulator behind = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("c")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))).build());
             KinesisVideoClient client = SdkClients.controlPlane(behind, "secret", false)) {
            AwsServiceException e = assertThrows(AwsServiceException.class,
                    () -> client.describeSignalingChannel(b -> b.channelName("c")));
            assertEquals(403, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Signature not yet current: "),
                    e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void sdkCorrectsItsClockFromTheDateHeaderWhenRetriesAreOn() throws Exception {
        // fidelity: the SDK's clock-skew retry keys off the response Date header and the error code
        try (KvsEmulator ahead = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE")
                .secretAccessKey("secret").createChannel("c")
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))).build());
             KinesisVideoClient client = SdkClients.controlPlane(ahead, "secret", true)) {
            assertEquals("c", client.describeSignalingChannel(b -> b.channelName("c")).channelInfo().channelName());
        }
    }
}
