package com.kvscamera.agent.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys: PKCS#8 ("PRIVATE KEY"), PKCS#1 RSA ("RSA PRIVATE KEY", what AWS IoT's
 * "create certificate" hands out) and SEC1 EC ("EC PRIVATE KEY", what openssl ecparam writes).
 *
 * <p>Written by hand instead of using BouncyCastle bcpkix: the JDK reads PKCS#8 itself, and wrapping PKCS#1/SEC1
 * into PKCS#8 takes a few DER bytes, not a 1 MB library on the device. Error messages name the file and the
 * problem but never include key material.
 */
public final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = hexBytes("300d06092a864886f70d0101010500");
    /** DER of OID id-ecPublicKey 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY_OID = hexBytes("06072a8648ce3d0201");

    private PemKeys() {
    }

    /** Every certificate in a PEM file, the device certificate first. */
    public static List<X509Certificate> readCertificates(String what, Path file) throws CredentialsException {
        byte[] bytes = readFile(what, file);
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new CredentialsException(what + ": no certificate in " + file);
            }
            return out;
        } catch (CertificateException e) {
            throw new CredentialsException(what + ": " + file + " is not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    public static PrivateKey readPrivateKey(String what, Path file) throws CredentialsException {
        String text = new String(readFile(what, file), StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type: 4,ENCRYPTED")) {
                throw new CredentialsException(what + ": " + file + " holds an encrypted private key; "
                        + "the agent needs it unencrypted (protect it with file permissions or LoadCredential=)");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(body.trim());
            } catch (IllegalArgumentException e) {
                throw new CredentialsException(what + ": " + file + " has a " + type + " block that is not valid base64");
            }
            try {
                switch (type) {
                    case "PRIVATE KEY":
                        return pkcs8(der);
                    case "RSA PRIVATE KEY":
                        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                                sequence(integerZero(), RSA_ALGORITHM, octetString(der))));
                    case "EC PRIVATE KEY":
                        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(sec1ToPkcs8(der)));
                    default:
                        continue; // e.g. EC PARAMETERS before the key, or a certificate in the same file
                }
            } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new CredentialsException(what + ": " + file + " has a " + type + " block that cannot be parsed ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        throw new CredentialsException(what + ": no private key in " + file
                + " (expected PEM \"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\")");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * SEC1 ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters (named curve OID),
     * [1] publicKey }: the curve OID moves into the PKCS#8 AlgorithmIdentifier, the rest stays as is.
     */
    static byte[] sec1ToPkcs8(byte[] sec1) {
        Der outer = new Der(sec1, 0);
        if (outer.tag != 0x30) {
            throw new IllegalArgumentException("not a SEQUENCE");
        }
        int pos = outer.contentStart;
        byte[] curveOid = null;
        while (pos < outer.contentEnd) {
            Der field = new Der(sec1, pos);
            if (field.tag == 0xa0) {
                Der oid = new Der(sec1, field.contentStart);
                curveOid = java.util.Arrays.copyOfRange(sec1, field.contentStart, oid.contentEnd);
            }
            pos = field.contentEnd;
        }
        if (curveOid == null) {
            throw new IllegalArgumentException("SEC1 key without named curve");
        }
        return sequence(integerZero(), sequence(EC_PUBLIC_KEY_OID, curveOid), octetString(sec1));
    }

    private static byte[] readFile(String what, Path file) throws CredentialsException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CredentialsException(what + ": file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new CredentialsException(what + ": file is not readable by this user: " + file);
        } catch (IOException e) {
            throw new CredentialsException(what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    // ---- minimal DER ----

    /** One TLV at an offset: tag, where its content starts and ends. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int contentEnd;

        Der(byte[] b, int offset) {
            tag = b[offset] & 0xff;
            int len = b[offset + 1] & 0xff;
            int p = offset + 2;
            if (len > 0x80) {
                int n = len & 0x7f;
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[p++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite length");
            }
            contentStart = p;
            contentEnd = p + len;
            if (contentEnd > b.length) {
                throw new IllegalArgumentException("truncated DER");
            }
        }
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tlv(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(len >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] hexBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
