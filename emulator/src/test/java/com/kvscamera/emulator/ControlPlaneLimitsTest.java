package com.kvscamera.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideosignaling.KinesisVideoSignalingClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The control-plane quotas a reconnecting master meets, through the unchanged AWS SDK, on a hand-moved clock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlPlaneLimitsTest {
    MutableClock clock;
    KvsEmulator emu;
    KinesisVideoClient cp;
    KinesisVideoSignalingClient dp;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(Instant.now()); // near real time: the SDK signs with the system clock
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("a").createChannel("b").clock(clock).build());
        cp = SdkClients.controlPlane(emu, "secret", false);
        dp = SdkClients.dataPlane(emu, emu.baseUrl(), "secret");
    }

    @AfterEach
    void stop() {
        cp.close();
        dp.close();
        emu.close();
    }

    @Test
    void describeIsLimitedToFivePerSecondPerChannel() {
        for (int i = 0; i < 5; i++) {
            cp.describeSignalingChannel(b -> b.channelName("a"));
        }
        ClientLimitExceededException e = assertThrows(ClientLimitExceededException.class,
                () -> cp.describeSignalingChannel(b -> b.channelName("a")));
        assertLimitShape(e, "DescribeSignalingChannel rate exceeded: 5 per second per channel");
        assertThrows(ClientLimitExceededException.class,
                () -> cp.describeSignalingChannel(b -> b.channelARN(emu.channelArn("a"))), "by ARN: same channel");
        assertEquals("b", cp.describeSignalingChannel(b -> b.channelName("b")).channelInfo().channelName(),
                "another channel has its own 5");
        clock.advance(Duration.ofMillis(1001));
        assertEquals("a", cp.describeSignalingChannel(b -> b.channelName("a")).channelInfo().channelName());
    }

    @Test
    void describeIsLimitedTo300PerSecondPerAccount() {
        for (int c = 0; c < 60; c++) {
            String name = "acct-" + c;
            emu.createChannel(name);
            for (int i = 0; i < 5; i++) {
                cp.describeSignalingChannel(b -> b.channelName(name));
            }
        }
        ClientLimitExceededException e = assertThrows(ClientLimitExceededException.class,
                () -> cp.describeSignalingChannel(b -> b.channelName("a")));
        assertLimitShape(e, "DescribeSignalingChannel rate exceeded: 300 per second per account");
        clock.advance(Duration.ofMillis(1001));
        cp.describeSignalingChannel(b -> b.channelName("a"));
    }

    @Test
    void getEndpointIsLimitedTo300PerSecondPerAccount() {
        String a = emu.channelArn("a");
        String b = emu.channelArn("b");
        for (int i = 0; i < 300; i++) {
            String arn = i % 2 == 0 ? a : b; // per account, not per channel
            cp.getSignalingChannelEndpoint(r -> r.channelARN(arn));
        }
        ClientLimitExceededException e = assertThrows(ClientLimitExceededException.class,
                () -> cp.getSignalingChannelEndpoint(r -> r.channelARN(a)));
        assertLimitShape(e, "GetSignalingChannelEndpoint rate exceeded: 300 per second per account");
        clock.advance(Duration.ofMillis(1001));
        assertEquals(2, cp.getSignalingChannelEndpoint(r -> r.channelARN(a)).resourceEndpointList().size());
    }

    @Test
    void iceServerConfigIsLimitedTo100PerSecondPerAccount() {
        for (int c = 0; c < 20; c++) {
            String arn = emu.createChannel("ice-" + c);
            for (int i = 0; i < 5; i++) {
                dp.getIceServerConfig(r -> r.channelARN(arn));
            }
        }
        String a = emu.channelArn("a");
        var e = assertThrows(software.amazon.awssdk.services.kinesisvideosignaling.model
                .ClientLimitExceededException.class, () -> dp.getIceServerConfig(r -> r.channelARN(a)));
        assertLimitShape(e, "GetIceServerConfig rate exceeded: 100 per second per account");
        clock.advance(Duration.ofMillis(1001));
        dp.getIceServerConfig(r -> r.channelARN(a));
    }

    /** 400, the modeled type from x-amzn-ErrorType, and the Message member. */
    private static void assertLimitShape(AwsServiceException e, String message) {
        assertEquals(400, e.statusCode());
        assertEquals("ClientLimitExceededException", e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "x-amzn-RequestId");
    }
}
