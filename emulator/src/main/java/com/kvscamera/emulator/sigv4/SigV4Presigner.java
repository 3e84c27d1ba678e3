package com.kvscamera.emulator.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Presigns WSS connect URLs with the emulator's own credentials (for the demo page and tests that need a
 * viewer without an AWS SDK). Query parameters are sorted and signed with SignedHeaders=host, as the JS SDK does.
 */
public final class SigV4Presigner {
    private final String region;
    private final String service;
    private final String accessKeyId;
    private final String secretAccessKey;

    public SigV4Presigner(String region, String service, String accessKeyId, String secretAccessKey) {
        this.region = region;
        this.service = service;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /**
     * @param endpoint  ws(s)://host[:port][/path]
     * @param params    extra query parameters (X-Amz-ChannelARN, X-Amz-ClientId)
     */
    public URI presign(URI endpoint, Map<String, String> params, Instant now, long expiresSeconds) {
        String day = AmzDate.day(now);
        String amzDate = AmzDate.format(now);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        TreeMap<String, String> q = new TreeMap<>(params);
        q.put("X-Amz-Algorithm", SigV4Verifier.ALGORITHM);
        q.put("X-Amz-Credential", accessKeyId + "/" + scope);
        q.put("X-Amz-Date", amzDate);
        q.put("X-Amz-Expires", Long.toString(expiresSeconds));
        q.put("X-Amz-SignedHeaders", "host");
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : q.entrySet()) {
            query.append(query.length() == 0 ? "" : "&").append(SigV4Encoding.uriEncode(e.getKey(), false))
                    .append('=').append(SigV4Encoding.uriEncode(e.getValue(), false));
        }
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        String host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        String canonical = "GET\n" + SigV4Encoding.uriEncode(path, true) + "\n" + query + "\nhost:" + host
                + "\n\nhost\n" + SigV4Verifier.EMPTY_SHA256;
        String stringToSign = SigV4Verifier.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + SigV4Encoding.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        String signature = HexFormat.of().formatHex(SigV4Encoding.hmacSha256(
                SigV4Encoding.signingKey(secretAccessKey, day, region, service), stringToSign));
        return URI.create(endpoint.getScheme() + "://" + host + path + "?" + query + "&X-Amz-Signature=" + signature);
    }
}
