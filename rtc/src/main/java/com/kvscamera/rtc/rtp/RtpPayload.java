package com.kvscamera.rtc.rtp;

import java.util.Objects;

/**
 * One RTP payload of an access unit: an optional two-byte head (FU indicator + FU header) followed by a
 * slice of a body array. The body is usually the NAL unit itself, so a payload is built once per access unit and shared
 * by every viewer; the only copy of the media bytes is the one into each viewer's packet buffer.
 * The arrays must not be modified after construction.
 */
public final class RtpPayload {
    private final int headLength;
    private final byte head0;
    private final byte head1;
    private final byte[] body;
    private final int bodyOffset;
    private final int bodyLength;
    private final boolean marker;

    /** A payload of {@code body[bodyOffset..+bodyLength]} without head bytes. */
    RtpPayload(byte[] body, int bodyOffset, int bodyLength, boolean marker) {
        this(0, (byte) 0, (byte) 0, body, bodyOffset, bodyLength, marker);
    }

    /** A payload with a two-byte head (FU indicator and FU header) kept in fields rather than an array. */
    RtpPayload(byte head0, byte head1, byte[] body, int bodyOffset, int bodyLength, boolean marker) {
        this(2, head0, head1, body, bodyOffset, bodyLength, marker);
    }

    private RtpPayload(int headLength, byte head0, byte head1, byte[] body, int bodyOffset, int bodyLength, boolean marker) {
        this.headLength = headLength;
        this.head0 = head0;
        this.head1 = head1;
        this.body = Objects.requireNonNull(body, "body");
        Objects.checkFromIndexSize(bodyOffset, bodyLength, body.length);
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.marker = marker;
    }

    /** A payload holding exactly {@code bytes} (used by tests and for non-H.264 payloads). */
    public static RtpPayload of(byte[] bytes, boolean marker) {
        return new RtpPayload(bytes, 0, bytes.length, marker);
    }

    RtpPayload withMarker(boolean m) {
        return m == marker ? this : new RtpPayload(headLength, head0, head1, body, bodyOffset, bodyLength, m);
    }

    public int length() {
        return headLength + bodyLength;
    }

    /** True on the last payload of an access unit (RFC 6184 §5.1 marker bit). */
    public boolean marker() {
        return marker;
    }

    /** Copies the payload to {@code dst[off..]} and returns the number of bytes written. */
    public int copyTo(byte[] dst, int off) {
        if (headLength == 2) {
            dst[off] = head0;
            dst[off + 1] = head1;
        }
        System.arraycopy(body, bodyOffset, dst, off + headLength, bodyLength);
        return length();
    }

    /** A fresh array with the payload bytes (tests, diagnostics; not for the hot path). */
    public byte[] toByteArray() {
        byte[] out = new byte[length()];
        copyTo(out, 0);
        return out;
    }
}
