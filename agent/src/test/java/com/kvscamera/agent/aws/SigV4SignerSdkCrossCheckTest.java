package com.kvscamera.agent.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kvscamera.agent.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Holds the hand-written signer to the AWS SDK for Java v2 signer (http-auth-aws, test scope only) on randomized
 * requests: methods, hosts with ports, paths and queries full of reserved and non-ASCII characters, headers with
 * inner whitespace, bodies, with and without session tokens. A fixed seed keeps failures reproducible.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SigV4SignerSdkCrossCheckTest {
    private static final int ROUNDS = 400;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH");
    private static final List<String> HOSTS = List.of("kinesisvideo.us-west-2.amazonaws.com",
            "r-2c136a55.kinesisvideo.eu-west-1.amazonaws.com", "127.0.0.1:8443", "localhost:4566",
            "kinesisvideo.cn-north-1.amazonaws.com.cn", "Mixed-Case.Example.COM:8443");
    private static final List<String> REGIONS = List.of("us-west-2", "eu-west-1", "cn-north-1", "us-gov-west-1");
    /** Characters that paths, query keys and values are drawn from: unreserved, reserved, space, %, non-ASCII. */
    private static final String ALPHABET = "abcXYZ019-_.~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}äé€ሴ😀";

    private final AwsV4HttpSigner sdk = AwsV4HttpSigner.create();

    @Test
    void headerSigningMatchesTheSdk() {
        Random rnd = new Random(20261121L);
        for (int round = 0; round < ROUNDS; round++) {
            String region = pick(rnd, REGIONS);
            String service = rnd.nextBoolean() ? "kinesisvideo" : "kinesis-video-signaling";
            Credentials creds = credentials(rnd);
            Instant now = Instant.ofEpochSecond(1_500_000_000L + rnd.nextInt(400_000_000));
            String method = pick(rnd, METHODS);
            String host = pick(rnd, HOSTS);
            Map<String, String> query = randomParams(rnd);
            URI uri = URI.create("https://" + host + randomRawPath(rnd) + rawQuery(query));
            Map<String, String> headers = new LinkedHashMap<>();
            int headerCount = rnd.nextInt(4);
            for (int i = 0; i < headerCount; i++) {
                headers.put("X-Test-" + randomToken(rnd, "abcdefgXYZ-", 1 + rnd.nextInt(8)),
                        randomToken(rnd, "abc xyz:/;=,", rnd.nextInt(20)));
            }
            if (rnd.nextBoolean()) {
                headers.put("Content-Type", "application/json");
            }
            byte[] body = rnd.nextInt(3) == 0 ? null : randomBody(rnd);

            // the SDK always signs x-amz-content-sha256 for header auth; KVS does not need it, so it is an
            // ordinary signed header for this signer
            Map<String, String> myHeaders = new LinkedHashMap<>(headers);
            myHeaders.put("X-Amz-Content-Sha256", SigV4Signer.hex(SigV4Signer.sha256(body == null ? new byte[0] : body)));
            Map<String, String> mine = new SigV4Signer(region, service)
                    .signHeaders(method, uri, myHeaders, body, creds, now);

            SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                    .protocol("https").host(uri.getHost()).port(uri.getPort()).encodedPath(uri.getRawPath());
            query.forEach(req::appendRawQueryParameter);
            headers.forEach(req::putHeader);
            SignedRequest signed = sdk.sign(r -> r.identity(identity(creds))
                    .request(req.build())
                    .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));
            String context = "round " + round + ": " + method + " " + uri + " headers " + headers.keySet();
            assertEquals(signed.request().firstMatchingHeader("Authorization").orElseThrow(),
                    mine.get("Authorization"), context);
            assertEquals(signed.request().firstMatchingHeader("X-Amz-Date").orElseThrow(), mine.get("X-Amz-Date"),
                    context);
            assertEquals(signed.request().firstMatchingHeader("X-Amz-Security-Token").orElse(null),
                    mine.get("X-Amz-Security-Token"), context);
        }
    }

    @Test
    void presigningMatchesTheSdk() {
        Random rnd = new Random(4242L);
        for (int round = 0; round < ROUNDS; round++) {
            String region = pick(rnd, REGIONS);
            Credentials creds = credentials(rnd);
            Instant now = Instant.ofEpochSecond(1_500_000_000L + rnd.nextInt(400_000_000));
            String host = pick(rnd, HOSTS);
            String path = rnd.nextBoolean() ? "" : randomRawPath(rnd);
            Map<String, String> existing = rnd.nextBoolean() ? Map.of() : randomParams(rnd);
            Map<String, String> extra = randomParams(rnd);
            extra.put("X-Amz-ChannelARN", "arn:aws:kinesisvideo:" + region + ":123456789012:channel/cam"
                    + rnd.nextInt(1000) + "/" + (1_600_000_000_000L + rnd.nextInt(1_000_000)));
            existing.keySet().forEach(extra::remove);
            Duration expires = Duration.ofSeconds(1 + rnd.nextInt(604_800));
            URI endpoint = URI.create("wss://" + host + path + rawQuery(existing));

            URI mine = new SigV4Signer(region, "kinesisvideo").presign(endpoint, extra, creds, now, expires);

            SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https")
                    .host(endpoint.getHost()).port(endpoint.getPort()).encodedPath(path);
            existing.forEach(req::appendRawQueryParameter);
            extra.forEach(req::appendRawQueryParameter);
            SignedRequest signed = sdk.sign(r -> r.identity(identity(creds))
                    .request(req.build())
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "kinesisvideo")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)));
            Map<String, List<String>> sdkQuery = signed.request().rawQueryParameters();
            Map<String, String> myQuery = decodedQuery(mine);
            String context = "round " + round + ": " + endpoint + " + " + extra;
            assertEquals(sdkQuery.size(), myQuery.size(), context + " " + sdkQuery.keySet() + " vs " + myQuery.keySet());
            sdkQuery.forEach((k, v) -> assertEquals(v.get(0), myQuery.get(k), context + " parameter " + k));
            assertEquals(SigV4Signer.canonicalUri(endpoint), SigV4Signer.canonicalUri(mine), context);
        }
    }

    private static Map<String, String> decodedQuery(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] p : SigV4Signer.parseQuery(uri.getRawQuery())) {
            out.put(p[0], p[1]);
        }
        return out;
    }

    private static AwsCredentialsIdentity identity(Credentials c) {
        return c.hasSessionToken()
                ? AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey().value(), c.sessionToken().value())
                : AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey().value());
    }

    private static Credentials credentials(Random rnd) {
        String akid = (rnd.nextBoolean() ? "AKIA" : "ASIA") + randomToken(rnd, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        String secret = randomToken(rnd, "abcdefABCDEF0123456789+/", 40);
        String token = rnd.nextBoolean() ? null : "IQoJ" + randomToken(rnd, "abcXYZ0189+/=", 20 + rnd.nextInt(300));
        return new Credentials(akid, new Secret(secret), Secret.ofNullable(token), null);
    }

    private static Map<String, String> randomParams(Random rnd) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            out.put(randomToken(rnd, ALPHABET, 1 + rnd.nextInt(10)), randomToken(rnd, ALPHABET, rnd.nextInt(12)));
        }
        return out;
    }

    private static String rawQuery(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        params.forEach((k, v) -> sb.append(sb.length() > 1 ? "&" : "").append(SigV4Signer.encode(k, true))
                .append('=').append(SigV4Signer.encode(v, true)));
        return sb.toString();
    }

    /** A raw (already percent-encoded) path, as an HTTP client would put it on the wire. */
    private static String randomRawPath(Random rnd) {
        int segments = rnd.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments; i++) {
            int kind = rnd.nextInt(8);
            if (kind == 0 && i > 0) {
                sb.append(rnd.nextBoolean() ? "/." : "/..");   // dot segments: both sides normalize them away
            } else if (kind == 1) {
                // characters that may stand unencoded in a path; both sides encode them for the canonical URI
                sb.append('/').append(randomToken(rnd, "aZ9-._~!$&'()*+,;=:@", 1 + rnd.nextInt(10)));
            } else {
                String segment = randomToken(rnd, ALPHABET.replace("/", ""), 1 + rnd.nextInt(10));
                sb.append('/').append(SigV4Signer.encode(segment, true));
            }
        }
        if (segments == 0 || rnd.nextInt(4) == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static byte[] randomBody(Random rnd) {
        if (rnd.nextBoolean()) {
            return ("{\"ChannelARN\":\"arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam/1\",\"n\":"
                    + rnd.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
        return b;
    }

    private static String randomToken(Random rnd, String alphabet, int length) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    private static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
