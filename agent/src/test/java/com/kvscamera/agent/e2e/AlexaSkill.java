package com.kvscamera.agent.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.kvscamera.emulator.KvsEmulator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideosignaling.KinesisVideoSignalingClient;

/**
 * What an Alexa smart-home skill does with an Echo Show's offer: SendAlexaOfferToMaster through the official AWS
 * SDK client (pointed at the emulator's HTTPS data plane, nothing else changed), which holds the request until the
 * master answers.
 */
final class AlexaSkill implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KinesisVideoSignalingClient client;
    private final String channelArn;

    /** The base64 payload the master answered with, decoded, plus timing. */
    record Answer(String payload, String sdp, long millis) {}

    AlexaSkill(KvsEmulator emulator, String channelName, String secret) {
        Path ca = emulator.caCertificateFile().orElseThrow();
        this.client = KinesisVideoSignalingClient.builder()
                .region(Region.of(emulator.options().region()))
                .endpointOverride(emulator.baseUrl())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.options().accessKeyId(), secret)))
                .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30))
                        .tlsTrustManagersProvider(() -> trustManagers(ca)).build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        this.channelArn = emulator.channelArn(channelName);
    }

    Answer sendOffer(String clientId, String offerSdp) throws Exception {
        String payload = Base64.getEncoder().encodeToString(JSON.createObjectNode().put("type", "offer")
                .put("sdp", offerSdp).toString().getBytes(StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        String answer = client.sendAlexaOfferToMaster(b -> b.channelARN(channelArn).senderClientId(clientId)
                .messagePayload(payload)).answer();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String sdp = JSON.readTree(Base64.getDecoder().decode(answer)).get("sdp").asText();
        return new Answer(answer, sdp, millis);
    }

    private static TrustManager[] trustManagers(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("kvs-emulator-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load CA " + caPem, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
