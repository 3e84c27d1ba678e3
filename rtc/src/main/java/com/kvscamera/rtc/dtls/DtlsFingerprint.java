package com.kvscamera.rtc.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 §5): {@code sha-256 AB:CD:...}. The hash functions
 * accepted are the ones browsers and embedded stacks actually send; MD2/MD5 are refused as too weak.
 */
public final class DtlsFingerprint {
    private final String algorithm;
    private final byte[] value;

    private DtlsFingerprint(String algorithm, byte[] value) {
        this.algorithm = algorithm;
        this.value = value;
    }

    /** Fingerprint of a DER certificate with the given hash ({@code sha-1}, {@code sha-256}, ...). */
    public static DtlsFingerprint of(String algorithm, byte[] certificateDer) {
        String alg = algorithm.toLowerCase(Locale.ROOT);
        return new DtlsFingerprint(alg, digest(alg).digest(certificateDer));
    }

    public static DtlsFingerprint sha256(byte[] certificateDer) {
        return of("sha-256", certificateDer);
    }

    /**
     * Parses the value of an {@code a=fingerprint:} line, e.g. {@code "sha-256 0A:1B:..."}.
     *
     * @throws IllegalArgumentException naming what is wrong with the attribute
     */
    public static DtlsFingerprint parse(String sdpValue) {
        String v = sdpValue.trim();
        int sp = v.indexOf(' ');
        if (sp <= 0) {
            throw new IllegalArgumentException("a=fingerprint must be '<hash> <hex pairs>', got '" + sdpValue + "'");
        }
        String alg = v.substring(0, sp).toLowerCase(Locale.ROOT);
        int expected = digest(alg).getDigestLength();
        String hex = v.substring(sp + 1).trim();
        String[] parts = hex.split(":");
        if (parts.length != expected) {
            throw new IllegalArgumentException("a=fingerprint " + alg + " must have " + expected
                    + " colon-separated bytes, got " + parts.length);
        }
        byte[] out = new byte[expected];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].length() != 2) {
                throw new IllegalArgumentException("a=fingerprint byte " + (i + 1) + " is not two hex digits: '"
                        + parts[i] + "'");
            }
            try {
                out[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a=fingerprint byte " + (i + 1) + " is not hex: '" + parts[i] + "'");
            }
        }
        return new DtlsFingerprint(alg, out);
    }

    private static MessageDigest digest(String alg) {
        String jca = switch (alg) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported a=fingerprint hash '" + alg
                    + "' (supported: sha-1, sha-224, sha-256, sha-384, sha-512)");
        };
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from this JRE", e);
        }
    }

    public String algorithm() {
        return algorithm;
    }

    /** True if a DER certificate hashes to this fingerprint (constant time in the comparison). */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(value, digest(algorithm).digest(certificateDer));
    }

    /** Uppercase hex with colons, as in SDP: {@code AB:CD:...}. */
    public String hex() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(value);
    }

    /** The {@code a=fingerprint:} attribute value: {@code sha-256 AB:CD:...}. */
    public String toSdp() {
        return algorithm + " " + hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint f && f.algorithm.equals(algorithm) && Arrays.equals(f.value, value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toSdp();
    }
}
