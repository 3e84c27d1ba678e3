package com.kvscamera.rtc.sdp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * An RFC 8122 certificate fingerprint: hash function name (lower case) and digest bytes. Rendered the way
 * libwebrtc writes it: upper-case hex pairs separated by colons.
 */
public record Fingerprint(String algorithm, byte[] digest) {
    public Fingerprint {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        if (!algorithm.matches("[a-z0-9-]{1,32}")) throw new IllegalArgumentException("bad hash function name: " + algorithm);
        if (digest.length < 16 || digest.length > 64) throw new IllegalArgumentException("digest must be 16..64 bytes");
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Parses the value of {@code a=fingerprint:}, e.g. {@code sha-256 A2:93:...}; hex case is ignored. */
    public static Fingerprint parse(String value, int lineNumber) throws SdpException {
        String v = value == null ? "" : value.trim();
        int sp = v.indexOf(' ');
        if (sp <= 0) throw new SdpException(lineNumber, "a=fingerprint must be '<hash function> <hex pairs separated by colons>'");
        String alg = v.substring(0, sp);
        String hex = v.substring(sp + 1).trim();
        if (!hex.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){15,63}")) {
            throw new SdpException(lineNumber, "a=fingerprint digest must be 16..64 hex pairs separated by colons");
        }
        try {
            return new Fingerprint(alg, HexFormat.ofDelimiter(":").parseHex(hex.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new SdpException(lineNumber, "a=fingerprint: " + e.getMessage());
        }
    }

    /** The attribute value: {@code sha-256 AB:CD:...}. */
    public String toSdpValue() {
        return algorithm + " " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.algorithm.equals(algorithm) && java.util.Arrays.equals(f.digest, digest);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
