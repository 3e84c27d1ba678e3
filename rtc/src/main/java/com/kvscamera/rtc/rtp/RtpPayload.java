package com.kvscamera.rtc.rtp;

import java.util.Objects;

/**
 * One RTP payload of an access unit: an optional short head (the two FU-A bytes) followed by a slice of a
 * body array. The body is usually the NAL unit itself, so a payload is built once per access unit and shared
 * by every viewer; the only copy of the media bytes is the one into each viewer's packet buffer.
 * The arrays must not be modified after construction.
 */
public final class RtpPayload {
    private static final byte[] NO_HEAD = new byte[0];

    private final byte[] head;
    private final byte[] body;
    private final int bodyOffset;
    private final int bodyLength;
    private final boolean marker;

    RtpPayload(byte[] head, byte[] body, int bodyOffset, int bodyLength, boolean marker) {
        this.head = head == null ? NO_HEAD : head;
        this.body = Objects.requireNonNull(body, "body");
        Objects.checkFromIndexSize(bodyOffset, bodyLength, body.length);
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.marker = marker;
    }

    /** A payload holding exactly {@code bytes} (used by tests and for non-H.264 payloads). */
    public static RtpPayload of(byte[] bytes, boolean marker) {
        return new RtpPayload(null, bytes, 0, bytes.length, marker);
    }

    RtpPayload withMarker(boolean m) {
        return m == marker ? this : new RtpPayload(head, body, bodyOffset, bodyLength, m);
    }

    public int length() {
        return head.length + bodyLength;
    }

    /** True on the last payload of an access unit (RFC 6184 §5.1 marker bit). */
    public boolean marker() {
        return marker;
    }

    /** Copies the payload to {@code dst[off..]} and returns the number of bytes written. */
    public int copyTo(byte[] dst, int off) {
        System.arraycopy(head, 0, dst, off, head.length);
        System.arraycopy(body, bodyOffset, dst, off + head.length, bodyLength);
        return length();
    }

    /** A fresh array with the payload bytes (tests, diagnostics; not for the hot path). */
    public byte[] toByteArray() {
        byte[] out = new byte[length()];
        copyTo(out, 0);
        return out;
    }
}
