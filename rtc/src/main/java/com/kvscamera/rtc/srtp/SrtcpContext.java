package com.kvscamera.rtc.srtp;

import java.util.HashMap;
import java.util.Map;

/**
 * SRTCP under one master key (RFC 3711 §3.4, RFC 7714 §9): per-sender-SSRC send index and replay window.
 * Single-threaded, like {@link SrtpRtpContext}.
 */
final class SrtcpContext {
    private static final int MAX_INDEX = 0x7FFFFFFF;

    private final SrtpTransformer transformer;
    private final Map<Integer, int[]> sendIndex = new HashMap<>();
    private final Map<Integer, ReplayWindow> windows = new HashMap<>();

    SrtcpContext(SrtpMasterKey master) {
        this.transformer = SrtpTransformer.create(master, true);
    }

    int overhead() {
        return transformer.tagLength() + 4;
    }

    int protect(byte[] buf, int len) {
        if (len < 8 || (buf[0] & 0xC0) != 0x80) {
            throw new IllegalArgumentException("not an RTCP packet (" + len + " bytes)");
        }
        if (buf.length < len + overhead()) {
            throw new IllegalArgumentException("buffer needs " + overhead()
                    + " spare bytes after the packet for the SRTCP index and tag");
        }
        int ssrc = SrtpTransformer.getInt(buf, 4);
        int[] next = sendIndex.computeIfAbsent(ssrc, k -> new int[1]);
        // RFC 3711 §3.4: the index starts at zero and wraps modulo 2^31 (rekeying is the session layer's job).
        int index = next[0];
        next[0] = index == MAX_INDEX ? 0 : index + 1;
        return transformer.protectRtcp(buf, len, ssrc, index);
    }

    int unprotect(byte[] buf, int len) {
        if (len < transformer.minRtcpLength() || (buf[0] & 0xC0) != 0x80) {
            return SrtpRtpContext.DROP_MALFORMED;
        }
        int ssrc = SrtpTransformer.getInt(buf, 4);
        long index = SrtpTransformer.getInt(buf, transformer.rtcpIndexOffset(len)) & 0x7FFFFFFFL;
        ReplayWindow w = windows.get(ssrc);
        if (w != null && w.isReplayOrTooOld(index)) {
            return SrtpRtpContext.DROP_REPLAY;
        }
        if (w == null && windows.size() >= SrtpRtpContext.MAX_STREAMS) {
            return SrtpRtpContext.DROP_TOO_MANY_STREAMS;
        }
        int plain = transformer.unprotectRtcp(buf, len, ssrc);
        if (plain < 0) {
            return SrtpRtpContext.DROP_AUTH;
        }
        windows.computeIfAbsent(ssrc, k -> new ReplayWindow()).accept(index);
        return plain;
    }
}
