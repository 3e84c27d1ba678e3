package com.kvscamera.agent.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for KVS: header signing of HTTPS requests and query presigning of the WSS connect URL.
 *
 * <p>Written by hand on purpose: the AWS SDK's signer ({@code http-auth-aws}) pulls about 800 KB plus the SDK
 * core onto a device with a tight memory budget, for what is about 150 lines here. The tests hold this class to
 * the AWS SDK v2 signer on hundreds of randomized requests, to AWS's SigV4 test suite and to the KVS JS SDK
 * golden vectors, so that a bug cannot hide behind a shared implementation.
 *
 * <p>Canonicalization follows the AWS SDKs for non-S3 services: the path is normalized (dot segments and
 * repeated slashes removed) and its raw form is URI-encoded once more ("double encoding"); query keys and values
 * are decoded and re-encoded per RFC 3986 and sorted by key, then value.
 */
public final class SigV4Signer {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String region;
    private final String service;

    public SigV4Signer(String region, String service) {
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
    }

    public String region() {
        return region;
    }

    public String service() {
        return service;
    }

    /**
     * Signs a request with an {@code Authorization} header.
     *
     * @param headers headers that the request will carry and that should be signed (for example content-type);
     *                a {@code host} entry overrides the host derived from the URI
     * @param body    request body, or null for none
     * @return the headers to add: {@code Authorization}, {@code X-Amz-Date} and, with a session token,
     *         {@code X-Amz-Security-Token}
     */
    public Map<String, String> signHeaders(String method, URI uri, Map<String, String> headers, byte[] body,
                                           Credentials c, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        TreeMap<String, String> canonical = new TreeMap<>();
        canonical.put("host", hostHeader(uri));
        if (headers != null) {
            headers.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), canonicalHeaderValue(value)));
        }
        canonical.put("x-amz-date", amzDate);
        if (c.hasSessionToken()) {
            canonical.put("x-amz-security-token", c.sessionToken().value());
        }
        String signedHeaders = String.join(";", canonical.keySet());
        StringBuilder headerBlock = new StringBuilder();
        canonical.forEach((k, v) -> headerBlock.append(k).append(':').append(v).append('\n'));
        String canonicalRequest = method.toUpperCase(Locale.ROOT) + '\n'
                + canonicalUri(uri) + '\n'
                + canonicalQuery(parseQuery(uri.getRawQuery())) + '\n'
                + headerBlock + '\n'
                + signedHeaders + '\n'
                + hex(sha256(body == null ? new byte[0] : body));
        String scope = scope(amzDate);
        String signature = signature(c, amzDate, scope, canonicalRequest);

        Map<String, String> out = new LinkedHashMap<>();
        out.put("Authorization", ALGORITHM + " Credential=" + c.accessKeyId() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        out.put("X-Amz-Date", amzDate);
        if (c.hasSessionToken()) {
            out.put("X-Amz-Security-Token", c.sessionToken().value());
        }
        return out;
    }

    /**
     * Presigns a GET (WebSocket upgrade) by query string, as the KVS SDKs do for the signaling connect URL: the
     * session token is inside the signed query, only {@code host} is signed, and the payload hash is that of the
     * empty string. Parameters already in {@code endpoint}'s query are kept and signed.
     *
     * @return the endpoint with every parameter sorted by key, {@code X-Amz-Signature} included
     */
    public URI presign(URI endpoint, Map<String, String> extraQuery, Credentials c, Instant now, Duration expires) {
        String amzDate = AMZ_DATE.format(now);
        String scope = scope(amzDate);
        List<String[]> params = parseQuery(endpoint.getRawQuery());
        if (extraQuery != null) {
            extraQuery.forEach((k, v) -> params.add(new String[] {k, v}));
        }
        params.add(new String[] {"X-Amz-Algorithm", ALGORITHM});
        params.add(new String[] {"X-Amz-Credential", c.accessKeyId() + '/' + scope});
        params.add(new String[] {"X-Amz-Date", amzDate});
        params.add(new String[] {"X-Amz-Expires", Long.toString(expires.toSeconds())});
        params.add(new String[] {"X-Amz-SignedHeaders", "host"});
        if (c.hasSessionToken()) {
            params.add(new String[] {"X-Amz-Security-Token", c.sessionToken().value()});
        }
        String host = hostHeader(endpoint);
        String canonicalRequest = "GET\n" + canonicalUri(endpoint) + '\n' + canonicalQuery(params) + '\n'
                + "host:" + host + "\n\nhost\n" + EMPTY_SHA256;
        params.add(new String[] {"X-Amz-Signature", signature(c, amzDate, scope, canonicalRequest)});
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path + '?' + canonicalQuery(params));
    }

    private String scope(String amzDate) {
        return amzDate.substring(0, 8) + '/' + region + '/' + service + "/aws4_request";
    }

    private String signature(Credentials c, String amzDate, String scope, String canonicalRequest) {
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + c.secretAccessKey().value()).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Host header value: host, plus the port when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("URI has no host: " + uri);
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = '[' + host + ']';
        }
        // as the HTTP client sends it (not lower-cased): the service signs the Host header it received
        int port = uri.getPort();
        if (port == -1 || port == defaultPort(uri.getScheme())) {
            return host;
        }
        return host + ':' + port;
    }

    private static int defaultPort(String scheme) {
        if (scheme == null) {
            return -1;
        }
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
    }

    static String canonicalUri(URI uri) {
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        // like the AWS SDKs: a trailing dot segment ("/a/." or "/a/b/..") leaves no trailing slash behind
        String raw = uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/") && !raw.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String encoded = encode(path, false);
        if (!encoded.startsWith("/")) {
            encoded = '/' + encoded;
        }
        return encoded;
    }

    /** Trims and collapses runs of whitespace (including folded lines) into single spaces. */
    static String canonicalHeaderValue(String value) {
        return value == null ? "" : value.trim().replaceAll("\\s+", " ");
    }

    /** Decoded key/value pairs of a raw query, in order; a key without '=' has the empty value. */
    static List<String[]> parseQuery(String rawQuery) {
        List<String[]> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            out.add(new String[] {percentDecode(key), percentDecode(value)});
        }
        return out;
    }

    static String canonicalQuery(List<String[]> params) {
        List<String[]> encoded = new ArrayList<>(params.size());
        for (String[] p : params) {
            encoded.add(new String[] {encode(p[0], true), encode(p[1], true)});
        }
        encoded.sort((a, b) -> {
            int byKey = a[0].compareTo(b[0]);
            return byKey != 0 ? byKey : a[1].compareTo(b[1]);
        });
        StringBuilder sb = new StringBuilder();
        for (String[] p : encoded) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes; every byte except unreserved characters (and '/' if allowed). */
    static String encode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(HEX[c >> 4])).append(Character.toUpperCase(HEX[c & 0xf]));
            }
        }
        return sb.toString();
    }

    /** Percent-decoding without form semantics: '+' stays '+', malformed escapes are kept literally. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[src.length];
        int n = 0;
        for (int i = 0; i < src.length; i++) {
            if (src[i] == '%' && i + 2 < src.length
                    && Character.digit(src[i + 1], 16) >= 0 && Character.digit(src[i + 2], 16) >= 0) {
                out[n++] = (byte) (Character.digit(src[i + 1], 16) * 16 + Character.digit(src[i + 2], 16));
                i += 2;
            } else {
                out[n++] = src[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
