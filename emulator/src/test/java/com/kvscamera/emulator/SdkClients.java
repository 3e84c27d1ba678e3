package com.kvscamera.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelProtocol;
import software.amazon.awssdk.services.kinesisvideo.model.ChannelRole;
import software.amazon.awssdk.services.kinesisvideo.model.GetSignalingChannelEndpointResponse;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceEndpointListItem;
import software.amazon.awssdk.services.kinesisvideosignaling.KinesisVideoSignalingClient;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The official AWS SDK v2 clients pointed at an emulator, unchanged except for endpointOverride. */
final class SdkClients {
    private SdkClients() {
    }

    static KinesisVideoClient controlPlane(KvsEmulator emu, String secret, boolean retries) {
        return KinesisVideoClient.builder()
                .region(Region.of(emu.options().region()))
                .endpointOverride(emu.baseUrl())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emu.options().accessKeyId(), secret)))
                .httpClient(http(emu))
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(Duration.ofSeconds(20));
                    if (!retries) {
                        o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1));
                    }
                })
                .build();
    }

    static KinesisVideoSignalingClient dataPlane(KvsEmulator emu, URI endpoint, String secret) {
        return KinesisVideoSignalingClient.builder()
                .region(Region.of(emu.options().region()))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emu.options().accessKeyId(), secret)))
                .httpClient(http(emu))
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30))
                        .retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** The HTTPS (or WSS) endpoint GetSignalingChannelEndpoint hands out for a role. */
    static URI endpoint(KinesisVideoClient cp, String arn, ChannelRole role, ChannelProtocol protocol) {
        GetSignalingChannelEndpointResponse r = cp.getSignalingChannelEndpoint(b -> b.channelARN(arn)
                .singleMasterChannelEndpointConfiguration(c -> c.role(role).protocols(protocol)));
        for (ResourceEndpointListItem item : r.resourceEndpointList()) {
            if (item.protocol() == protocol) {
                return URI.create(item.resourceEndpoint());
            }
        }
        throw new AssertionError("no " + protocol + " endpoint in " + r);
    }

    private static software.amazon.awssdk.http.SdkHttpClient http(KvsEmulator emu) {
        ApacheHttpClient.Builder b = ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(30));
        emu.caCertificateFile().ifPresent(ca -> b.tlsTrustManagersProvider(() -> trustManagers(ca)));
        return b.build();
    }

    static TrustManager[] trustManagers(Path caPem) {
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
}
