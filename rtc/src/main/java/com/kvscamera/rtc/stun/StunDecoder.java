package com.kvscamera.rtc.stun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses STUN messages; every violation becomes a {@link StunFormatException}, never a runtime exception. */
public final class StunDecoder {
    private StunDecoder() {}

    /** Cheap RFC 7983 + magic-cookie test before a full parse. */
    public static boolean looksLikeStun(byte[] b, int off, int len) {
        return len >= StunMessage.HEADER_LENGTH && (b[off] & 0xC0) == 0
                && b[off + 4] == 0x21 && b[off + 5] == 0x12 && (b[off + 6] & 0xFF) == 0xA4 && b[off + 7] == 0x42;
    }

    /** Total length of the STUN message starting at off (header + body), or -1 when there is no complete header. */
    public static int messageLength(byte[] b, int off, int len) {
        if (len < 4) return -1;
        return StunMessage.HEADER_LENGTH + (((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF));
    }

    public static StunMessage decode(byte[] b, int off, int len) throws StunFormatException {
        if (b == null || off < 0 || len < 0 || off + len > b.length) throw new StunFormatException("bad buffer bounds");
        if (len < StunMessage.HEADER_LENGTH) throw new StunFormatException("shorter than the 20-byte header");
        if ((b[off] & 0xC0) != 0) throw new StunFormatException("first two bits are not zero");
        if (!looksLikeStun(b, off, len)) throw new StunFormatException("magic cookie missing");
        int bodyLen = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        if ((bodyLen & 3) != 0) throw new StunFormatException("length " + bodyLen + " is not a multiple of 4");
        if (StunMessage.HEADER_LENGTH + bodyLen != len) {
            throw new StunFormatException("length field " + bodyLen + " does not match datagram size " + len);
        }
        byte[] raw = Arrays.copyOfRange(b, off, off + len);
        int type = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
        byte[] tx = Arrays.copyOfRange(raw, 8, 20);
        List<StunAttribute> attrs = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        int integrity = -1;
        int fingerprint = -1;
        int p = StunMessage.HEADER_LENGTH;
        while (p < len) {
            if (p + 4 > len) throw new StunFormatException("truncated attribute header at " + p);
            int at = ((raw[p] & 0xFF) << 8) | (raw[p + 1] & 0xFF);
            int al = ((raw[p + 2] & 0xFF) << 8) | (raw[p + 3] & 0xFF);
            if (p + 4 + al > len) throw new StunFormatException("attribute 0x" + Integer.toHexString(at) + " overruns message");
            if (fingerprint >= 0) throw new StunFormatException("attribute after FINGERPRINT");
            if (at == StunAttr.FINGERPRINT) {
                if (al != 4) throw new StunFormatException("FINGERPRINT length " + al);
                fingerprint = p;
            } else if (at == StunAttr.MESSAGE_INTEGRITY) {
                if (al != 20) throw new StunFormatException("MESSAGE-INTEGRITY length " + al);
                if (integrity < 0) integrity = p;
            } else if (integrity >= 0) {
                // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY (other than FINGERPRINT) are ignored.
                p += 4 + StunMessage.pad(al);
                continue;
            }
            attrs.add(new StunAttribute(at, Arrays.copyOfRange(raw, p + 4, p + 4 + al)));
            if (StunAttr.comprehensionRequired(at) && !StunAttr.known(at)) unknown.add(at);
            p += 4 + StunMessage.pad(al);
        }
        if (p != len) throw new StunFormatException("attribute padding overruns message");
        return new StunMessage(StunMessage.decodeMethod(type), StunMessage.decodeKind(type), tx, attrs, raw,
                integrity, fingerprint, List.copyOf(unknown));
    }
}
