package com.kvscamera.emulator.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies AWS Signature Version 4 the way the KVS front-end does: header-signed (Authorization) or
 * presigned (X-Amz-* query), for whatever SignedHeaders lists, with a 5-minute clock-skew window and the
 * front-end's 403 messages (the SDKs search the body for "Signature expired").
 */
public final class SigV4Verifier {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final long MAX_EXPIRES_SECONDS = 604_800;

    private final String region;
    private final String service;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Clock clock;

    public SigV4Verifier(String region, String service, String accessKeyId, String secretAccessKey, Clock clock) {
        this.region = region;
        this.service = service;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.clock = clock;
    }

    /** Header-signed request (control plane, HTTPS data plane). Returns the caller's access key id. */
    public String verifyHeaderSigned(SignedRequest request) throws AuthFailure {
        List<String> auth = request.headers().apply("authorization");
        if (auth.isEmpty()) {
            throw new AuthFailure(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Map<String, String> parts = parseAuthorization(auth.get(0));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            throw new AuthFailure(400, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. "
                            + "Authorization=" + redactSignature(auth.get(0)));
        }
        String amzDateText = first(request.headers().apply("x-amz-date"));
        Instant signedAt = AmzDate.parseOrNull(amzDateText);
        if (signedAt == null) {
            throw new AuthFailure(400, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        checkSkew(signedAt, amzDateText);
        Scope scope = checkCredential(credential, signedAt);
        String payloadHash = SigV4Encoding.sha256Hex(request.body());
        String canonical = canonicalRequest(request, request.rawQuery(), signedHeaders, payloadHash, false);
        checkSignature(canonical, amzDateText, scope, signature);
        return scope.accessKeyId;
    }

    /** Presigned GET (the WSS upgrade): X-Amz-* parameters in the query, X-Amz-Signature excluded from signing. */
    public String verifyPresigned(SignedRequest request) throws AuthFailure {
        Map<String, String> q = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : SigV4Encoding.parseQuery(request.rawQuery())) {
            q.putIfAbsent(e.getKey(), e.getValue());
        }
        for (String required : List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                "X-Amz-SignedHeaders", "X-Amz-Signature")) {
            if (!q.containsKey(required)) {
                throw new AuthFailure(403, "AccessDeniedException",
                        "Missing required query parameter " + required + " in the presigned URL");
            }
        }
        if (!ALGORITHM.equals(q.get("X-Amz-Algorithm"))) {
            throw new AuthFailure(403, "AccessDeniedException",
                    "X-Amz-Algorithm must be " + ALGORITHM + ", not '" + q.get("X-Amz-Algorithm") + "'");
        }
        String amzDateText = q.get("X-Amz-Date");
        Instant signedAt = AmzDate.parseOrNull(amzDateText);
        if (signedAt == null) {
            throw new AuthFailure(403, "AccessDeniedException", "X-Amz-Date is not a yyyyMMdd'T'HHmmss'Z' timestamp");
        }
        long expires;
        try {
            expires = Long.parseLong(q.get("X-Amz-Expires"));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
            throw new AuthFailure(403, "AccessDeniedException",
                    "X-Amz-Expires must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds");
        }
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw new AuthFailure(403, "AccessDeniedException", notYetCurrent(amzDateText, now));
        }
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            throw new AuthFailure(403, "AccessDeniedException", "Request has expired: signed at " + amzDateText
                    + ", X-Amz-Expires " + expires + " s, now " + AmzDate.format(now));
        }
        Scope scope = checkCredential(q.get("X-Amz-Credential"), signedAt);
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : SigV4Encoding.parseQuery(request.rawQuery())) {
            if (e.getKey().equals("X-Amz-Signature")) {
                continue;
            }
            query.append(query.length() == 0 ? "" : "&").append(SigV4Encoding.uriEncode(e.getKey(), false))
                    .append('=').append(SigV4Encoding.uriEncode(e.getValue(), false));
        }
        String canonical = canonicalRequest(request, query.toString(), q.get("X-Amz-SignedHeaders"),
                SigV4Encoding.sha256Hex(request.body()), true);
        try {
            checkSignature(canonical, amzDateText, scope, q.get("X-Amz-Signature"));
        } catch (AuthFailure f) {
            throw new AuthFailure(403, "AccessDeniedException", f.getMessage());
        }
        return scope.accessKeyId;
    }

    private void checkSkew(Instant signedAt, String amzDateText) throws AuthFailure {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(SKEW))) {
            throw new AuthFailure(403, "InvalidSignatureException", "Signature expired: " + amzDateText
                    + " is now earlier than " + AmzDate.format(now.minus(SKEW)) + " (" + AmzDate.format(now)
                    + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw new AuthFailure(403, "InvalidSignatureException", notYetCurrent(amzDateText, now));
        }
    }

    private static String notYetCurrent(String amzDateText, Instant now) {
        return "Signature not yet current: " + amzDateText + " is still later than "
                + AmzDate.format(now.plus(SKEW)) + " (" + AmzDate.format(now) + " + 5 min.)";
    }

    private record Scope(String accessKeyId, String day, String scope) {
    }

    private Scope checkCredential(String credential, Instant signedAt) throws AuthFailure {
        String[] c = credential.split("/", -1);
        if (c.length != 5) {
            throw new AuthFailure(400, "IncompleteSignatureException", "Credential must have exactly 5 "
                    + "slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!accessKeyId.equals(c[0])) {
            throw new AuthFailure(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        if (!c[1].equals(AmzDate.day(signedAt))) {
            throw new AuthFailure(403, "InvalidSignatureException", "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + c[1] + "' != '"
                    + AmzDate.day(signedAt) + "', from '" + AmzDate.format(signedAt) + "'.");
        }
        if (!c[2].equals(region)) {
            throw new AuthFailure(403, "InvalidSignatureException",
                    "Credential should be scoped to a valid region, not '" + c[2] + "'. ");
        }
        if (!c[3].equals(service)) {
            throw new AuthFailure(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (!c[4].equals("aws4_request")) {
            throw new AuthFailure(403, "InvalidSignatureException",
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + c[4] + "'. ");
        }
        return new Scope(c[0], c[1], c[1] + "/" + c[2] + "/" + c[3] + "/aws4_request");
    }

    private void checkSignature(String canonical, String amzDate, Scope scope, String signature) throws AuthFailure {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope.scope + "\n"
                + SigV4Encoding.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = SigV4Encoding.signingKey(secretAccessKey, scope.day, region, service);
        byte[] expected = SigV4Encoding.hmacSha256(key, stringToSign);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new AuthFailure(403, "InvalidSignatureException", "The request signature we calculated does "
                    + "not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                    + "Consult the service documentation for details.");
        }
    }

    /** Builds the canonical request; for presigned requests the query is already encoded and unsorted. */
    static String canonicalRequest(SignedRequest request, String query, String signedHeaders, String payloadHash,
                                   boolean queryAlreadyEncoded) throws AuthFailure {
        String path = normalizePath(request.rawPath());
        StringBuilder sb = new StringBuilder();
        sb.append(request.method()).append('\n');
        // non-S3 services sign the path encoded twice: the path as sent is encoded once, encode it again
        sb.append(SigV4Encoding.uriEncode(path, true)).append('\n');
        sb.append(canonicalQuery(query, queryAlreadyEncoded)).append('\n');
        for (String name : signedHeaders.split(";")) {
            if (name.isEmpty()) {
                continue;
            }
            List<String> values = request.headers().apply(name);
            if (values.isEmpty()) {
                throw new AuthFailure(403, "InvalidSignatureException",
                        "Header '" + name + "' is listed in SignedHeaders but not present in the request.");
            }
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll("\\s+", " "));
            }
            sb.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", trimmed)).append('\n');
        }
        sb.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return sb.toString();
    }

    /** RFC 3986 remove_dot_segments plus collapsing empty segments, keeping a trailing slash (non-S3 rule). */
    static String normalizePath(String raw) {
        if (raw.isEmpty()) {
            return "/";
        }
        String[] segments = raw.split("/", -1);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String seg : segments) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                out.pollLast();
                continue;
            }
            out.addLast(seg);
        }
        String result = "/" + String.join("/", out);
        boolean trailing = raw.endsWith("/") || raw.endsWith("/.") || raw.endsWith("/..");
        return trailing && !result.endsWith("/") ? result + "/" : result;
    }

    private static String canonicalQuery(String query, boolean alreadyEncoded) {
        List<String[]> pairs = new ArrayList<>();
        if (alreadyEncoded) {
            if (!query.isEmpty()) {
                for (String p : query.split("&")) {
                    int eq = p.indexOf('=');
                    pairs.add(new String[] {p.substring(0, eq), p.substring(eq + 1)});
                }
            }
        } else {
            for (Map.Entry<String, String> e : SigV4Encoding.parseQuery(query)) {
                pairs.add(new String[] {SigV4Encoding.uriEncode(e.getKey(), false),
                        SigV4Encoding.uriEncode(e.getValue(), false)});
            }
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            sb.append(sb.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    private static Map<String, String> parseAuthorization(String header) throws AuthFailure {
        String h = header.trim();
        if (!h.startsWith(ALGORITHM + " ")) {
            throw new AuthFailure(400, "IncompleteSignatureException",
                    "Authorization header must start with '" + ALGORITHM + " '");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String item : h.substring(ALGORITHM.length() + 1).split(",")) {
            String kv = item.trim();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                parts.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return parts;
    }

    private static String redactSignature(String header) {
        return header.replaceAll("Signature=[0-9a-fA-F]*", "Signature=...");
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
