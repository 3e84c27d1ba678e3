package com.kvscamera.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import software.amazon.awssdk.services.kinesisvideosignaling.KinesisVideoSignalingClient;
import software.amazon.awssdk.services.kinesisvideosignaling.model.IceServer;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --tls: https:// and wss:// verified against the generated CA; coturn gets the same certificate. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsTest {
    static KvsEmulator emu;
    static SSLContext trustingCa;

    @BeforeAll
    static void start() throws Exception {
        emu = KvsEmulator.start(EmulatorOptions.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey("secret")
                .createChannel("cam1").tls(true).turn(true).build());
        trustingCa = SSLContext.getInstance("TLS");
        trustingCa.init(null, SdkClients.trustManagers(emu.caCertificateFile().orElseThrow()), null);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void sdkOverHttpsAndSignalingOverWss() throws Exception {
        assertEquals("https", emu.baseUrl().getScheme());
        try (KinesisVideoClient cp = SdkClients.controlPlane(emu, "secret", false)) {
            String arn = cp.describeSignalingChannel(b -> b.channelName("cam1")).channelInfo().channelARN();
            URI wss = SdkClients.endpoint(cp, arn, ChannelRole.MASTER, ChannelProtocol.WSS);
            assertEquals("wss://127.0.0.1:" + emu.baseUrl().getPort(), wss.toString());
            URI https = SdkClients.endpoint(cp, arn, ChannelRole.MASTER, ChannelProtocol.HTTPS);
            try (KinesisVideoSignalingClient dp = SdkClients.dataPlane(emu, https, "secret")) {
                List<IceServer> ice = dp.getIceServerConfig(b -> b.channelARN(arn)).iceServerList();
                int tlsPort = emu.turn().orElseThrow().tlsPort();
                assertTrue(ice.get(0).uris().contains("turns:127.0.0.1:" + tlsPort + "?transport=tcp"), ice.toString());
                // TURN over TLS on coturn, certificate verified against the same CA
                try (SSLSocket s = (SSLSocket) trustingCa.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
                    s.startHandshake();
                    TurnProbe.Result r = TurnProbe.allocateTcp(s, ice.get(0).username(), ice.get(0).password());
                    assertTrue(r.success(), "TLS allocate error " + r.errorCode());
                }
            }
        }
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"), trustingCa);
             WsClient viewer = WsClient.connect(emu.presignViewer("cam1", "v1"), trustingCa)) {
            assertEquals("wss", emu.presignMaster("cam1").getScheme());
            viewer.send(Frames.js("SDP_OFFER", null, Frames.offerPayload("o"), null));
            assertTrue(master.next(Duration.ofSeconds(5)).contains("\"senderClientId\":\"v1\""));
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsDroppedAndTlsCarriesOn() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", emu.baseUrl().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /_emulator/state HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int first = s.getInputStream().read();
            assertTrue(first == -1 || first == 0x15, "closed or a TLS alert, never plaintext: " + first);
        }
        try (WsClient master = WsClient.connect(emu.presignMaster("cam1"), trustingCa)) {
            master.ping();
            assertTrue(master.pongs.poll(5, TimeUnit.SECONDS) != null);
        }
    }

    @Test
    void clientsThatDoNotTrustTheCaAreRefused() throws Exception {
        SSLContext jdkDefault = SSLContext.getDefault();
        CompletionException e = assertThrows(CompletionException.class,
                () -> WsClient.connect(emu.presignMaster("cam1"), jdkDefault));
        Throwable cause = e.getCause();
        while (cause.getCause() != null && !(cause instanceof SSLHandshakeException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(SSLHandshakeException.class, cause);
        KinesisVideoClient untrusting = KinesisVideoClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_WEST_2).endpointOverride(emu.baseUrl())
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                        .create("AKIDEXAMPLE", "secret"))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build();
        assertThrows(SdkClientException.class, () -> untrusting.listSignalingChannels(b -> { }));
        untrusting.close();
    }
}
