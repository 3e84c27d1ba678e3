package com.kvscamera.rtc.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A STUN message (RFC 8489). Built with {@link #request}/{@link #response} and {@link #encode}; parsed with
 * {@link StunDecoder}, which keeps the raw bytes so MESSAGE-INTEGRITY and FINGERPRINT can be checked.
 * Hand-written rather than ice4j's codec: ice4j has no TURN over TLS and drags in Kotlin and JNA (media-path.md §1).
 */
public final class StunMessage {
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;

    public static final int BINDING = 0x001;
    public static final int ALLOCATE = 0x003;
    public static final int REFRESH = 0x004;
    public static final int SEND = 0x006;
    public static final int DATA = 0x007;
    public static final int CREATE_PERMISSION = 0x008;
    public static final int CHANNEL_BIND = 0x009;

    public enum Kind { REQUEST, INDICATION, SUCCESS, ERROR }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int method;
    private final Kind kind;
    private final byte[] transactionId;
    private final List<StunAttribute> attributes;
    // Set only on decoded messages.
    final byte[] raw;
    final int integrityOffset;
    final int fingerprintOffset;
    final List<Integer> unknownRequired;

    StunMessage(int method, Kind kind, byte[] txId, List<StunAttribute> attrs, byte[] raw, int integrityOffset,
                int fingerprintOffset, List<Integer> unknownRequired) {
        this.method = method;
        this.kind = kind;
        this.transactionId = txId;
        this.attributes = attrs;
        this.raw = raw;
        this.integrityOffset = integrityOffset;
        this.fingerprintOffset = fingerprintOffset;
        this.unknownRequired = unknownRequired;
    }

    public static StunMessage create(int method, Kind kind, byte[] txId) {
        if (txId.length != 12) throw new IllegalArgumentException("STUN transaction id must be 12 bytes");
        return new StunMessage(method, kind, txId.clone(), new ArrayList<>(), null, -1, -1, List.of());
    }

    public static StunMessage request(int method) {
        return create(method, Kind.REQUEST, newTransactionId());
    }

    public static StunMessage indication(int method) {
        return create(method, Kind.INDICATION, newTransactionId());
    }

    /** A success or error response sharing the request's transaction id. */
    public static StunMessage response(StunMessage request, boolean success) {
        return create(request.method, success ? Kind.SUCCESS : Kind.ERROR, request.transactionId);
    }

    public static byte[] newTransactionId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return id;
    }

    public int method() { return method; }
    public Kind kind() { return kind; }
    public byte[] transactionId() { return transactionId.clone(); }
    public String transactionKey() { return java.util.HexFormat.of().formatHex(transactionId); }
    public List<StunAttribute> attributes() { return Collections.unmodifiableList(attributes); }
    /** Comprehension-required attribute types this codec does not know (for a 420 answer). */
    public List<Integer> unknownComprehensionRequired() { return unknownRequired; }
    public boolean hasIntegrity() { return integrityOffset >= 0; }
    public boolean hasFingerprint() { return fingerprintOffset >= 0; }

    public StunMessage add(StunAttribute a) {
        if (raw != null) throw new IllegalStateException("decoded messages are read-only");
        attributes.add(a);
        return this;
    }

    public StunMessage addString(int type, String s) { return add(StunAttribute.ofString(type, s)); }
    public StunMessage addInt(int type, int v) { return add(StunAttribute.ofInt(type, v)); }
    public StunMessage addLong(int type, long v) { return add(StunAttribute.ofLong(type, v)); }
    public StunMessage addFlag(int type) { return add(new StunAttribute(type, new byte[0])); }

    public StunMessage addXorAddress(int type, InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? 1 : 2);
        int port = address.getPort() ^ (MAGIC_COOKIE >>> 16);
        v[2] = (byte) (port >>> 8);
        v[3] = (byte) port;
        byte[] mask = xorMask();
        for (int i = 0; i < ip.length; i++) v[4 + i] = (byte) (ip[i] ^ mask[i]);
        return add(new StunAttribute(type, v));
    }

    public StunMessage addErrorCode(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[4 + r.length];
        v[2] = (byte) (code / 100);
        v[3] = (byte) (code % 100);
        System.arraycopy(r, 0, v, 4, r.length);
        return add(new StunAttribute(StunAttr.ERROR_CODE, v));
    }


    public StunAttribute get(int type) {
        for (StunAttribute a : attributes) if (a.type() == type) return a;
        return null;
    }

    public boolean has(int type) { return get(type) != null; }

    public String getString(int type) {
        StunAttribute a = get(type);
        return a == null ? null : a.asString();
    }

    /** ERROR-CODE as a number (e.g. 401), or -1 when absent or malformed. */
    public int errorCode() {
        StunAttribute a = get(StunAttr.ERROR_CODE);
        if (a == null || a.value().length < 4) return -1;
        return (a.value()[2] & 0x7) * 100 + (a.value()[3] & 0xFF);
    }

    public String errorReason() {
        StunAttribute a = get(StunAttr.ERROR_CODE);
        if (a == null || a.value().length < 4) return "";
        return new String(a.value(), 4, a.value().length - 4, StandardCharsets.UTF_8);
    }

    /** An XOR-*-ADDRESS attribute, or null when absent or malformed. */
    public InetSocketAddress getXorAddress(int type) {
        StunAttribute a = get(type);
        if (a == null) return null;
        byte[] v = a.value();
        if (v.length < 4) return null;
        int len = v[1] == 1 ? 4 : v[1] == 2 ? 16 : -1;
        if (len < 0 || v.length != 4 + len) return null;
        int port = (((v[2] & 0xFF) << 8) | (v[3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
        byte[] ip = new byte[len];
        byte[] mask = xorMask();
        for (int i = 0; i < len; i++) ip[i] = (byte) (v[4 + i] ^ mask[i]);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null; // cannot happen for 4/16-byte arrays
        }
    }

    private byte[] xorMask() {
        byte[] m = new byte[16];
        m[0] = (byte) (MAGIC_COOKIE >>> 24);
        m[1] = (byte) (MAGIC_COOKIE >>> 16);
        m[2] = (byte) (MAGIC_COOKIE >>> 8);
        m[3] = (byte) MAGIC_COOKIE;
        System.arraycopy(transactionId, 0, m, 4, 12);
        return m;
    }

    /**
     * Serializes the message. Any MESSAGE-INTEGRITY/FINGERPRINT in the attribute list is ignored; they are
     * appended here when {@code integrityKey} is non-null and when {@code fingerprint} is set.
     */
    public byte[] encode(byte[] integrityKey, boolean fingerprint) {
        int body = 0;
        for (StunAttribute a : attributes) {
            if (isTrailer(a.type())) continue;
            body += 4 + pad(a.value().length);
        }
        int total = HEADER_LENGTH + body + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
        byte[] out = new byte[total];
        int t = encodeType(method, kind);
        out[0] = (byte) (t >>> 8);
        out[1] = (byte) t;
        putInt(out, 4, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, 12);
        int p = HEADER_LENGTH;
        for (StunAttribute a : attributes) {
            if (isTrailer(a.type())) continue;
            p = putAttr(out, p, a.type(), a.value());
        }
        if (integrityKey != null) {
            putLength(out, p + 24 - HEADER_LENGTH);
            byte[] mac = StunIntegrity.hmacSha1(integrityKey, out, 0, p);
            p = putAttr(out, p, StunAttr.MESSAGE_INTEGRITY, mac);
        }
        if (fingerprint) {
            putLength(out, p + 8 - HEADER_LENGTH);
            int crc = StunIntegrity.fingerprint(out, 0, p);
            p = putAttr(out, p, StunAttr.FINGERPRINT, StunAttribute.ofInt(0, crc).value());
        }
        putLength(out, p - HEADER_LENGTH);
        return out;
    }

    /** Whether MESSAGE-INTEGRITY verifies with the key (short-term: the password; long-term: see StunIntegrity). */
    public boolean checkIntegrity(byte[] key) {
        return StunIntegrity.verify(this, key);
    }

    /** True when a FINGERPRINT is present and correct. */
    public boolean checkFingerprint() {
        return StunIntegrity.verifyFingerprint(this);
    }

    private static boolean isTrailer(int type) {
        return type == StunAttr.MESSAGE_INTEGRITY || type == StunAttr.FINGERPRINT;
    }

    static int pad(int n) { return (n + 3) & ~3; }

    private static int putAttr(byte[] out, int p, int type, byte[] v) {
        out[p] = (byte) (type >>> 8);
        out[p + 1] = (byte) type;
        out[p + 2] = (byte) (v.length >>> 8);
        out[p + 3] = (byte) v.length;
        System.arraycopy(v, 0, out, p + 4, v.length);
        return p + 4 + pad(v.length);
    }

    private static void putLength(byte[] out, int len) {
        out[2] = (byte) (len >>> 8);
        out[3] = (byte) len;
    }

    static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    static int encodeType(int method, Kind kind) {
        int c = kind.ordinal(); // REQUEST=00, INDICATION=01, SUCCESS=10, ERROR=11
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 1) << 4) | ((c & 2) << 7);
    }

    static int decodeMethod(int type) {
        return (type & 0x000F) | ((type >>> 1) & 0x0070) | ((type >>> 2) & 0x0F80);
    }

    static Kind decodeKind(int type) {
        return Kind.values()[((type >>> 4) & 1) | ((type >>> 7) & 2)];
    }

    @Override
    public String toString() {
        return "STUN " + kind + " method=0x" + Integer.toHexString(method) + " tx=" + transactionKey();
    }
}
