package com.kvscamera.rtc.srtp;

import java.util.HashMap;
import java.util.Map;

/**
 * SRTP for RTP packets under one master key: per-SSRC rollover counter (RFC 3711 §3.3.1) and replay window.
 * Single-threaded: one caller at a time (SrtpSession serialises protect and unprotect separately, and they use
 * different contexts because they use different keys).
 */
final class SrtpRtpContext {
    /** Bounds the per-SSRC state an authenticated peer can make us keep; a real viewer sends a handful. */
    static final int MAX_STREAMS = 64;
    static final int DROP_MALFORMED = -1;
    static final int DROP_AUTH = -2;
    static final int DROP_REPLAY = -3;
    static final int DROP_TOO_MANY_STREAMS = -4;

    private final SrtpTransformer transformer;
    private final Map<Integer, StreamState> streams = new HashMap<>();

    private static final class StreamState {
        int roc;
        int highestSeq;
        final ReplayWindow window = new ReplayWindow();

        StreamState(int seq) {
            this.highestSeq = seq;
        }

        /** RFC 3711 Appendix A: the index whose ROC guess puts {@code seq} nearest to the highest seen. */
        long estimateIndex(int seq) {
            int v = roc;
            if (highestSeq < 32768) {
                if (seq - highestSeq > 32768) {
                    v = roc - 1;
                }
            } else if (highestSeq - 32768 > seq) {
                v = roc + 1;
            }
            return ((long) v << 16) | seq;
        }

        void update(long index) {
            int v = (int) (index >>> 16);
            int seq = (int) (index & 0xFFFF);
            if (index > (((long) roc << 16) | highestSeq)) {
                roc = v;
                highestSeq = seq;
            }
        }
    }

    SrtpRtpContext(SrtpMasterKey master) {
        this.transformer = SrtpTransformer.create(master, false);
    }

    int tagLength() {
        return transformer.tagLength();
    }

    /** Protects in place; throws IllegalArgumentException for a packet we built wrongly. */
    int protect(byte[] buf, int len) {
        int hdrLen = RtpHeader.length(buf, len);
        if (hdrLen < 0) {
            throw new IllegalArgumentException("not an RTP packet (" + len + " bytes)");
        }
        if (buf.length < len + transformer.tagLength()) {
            throw new IllegalArgumentException("buffer needs " + transformer.tagLength()
                    + " spare bytes after the packet for the SRTP tag");
        }
        int ssrc = RtpHeader.ssrc(buf);
        int seq = RtpHeader.sequence(buf);
        StreamState s = streams.computeIfAbsent(ssrc, k -> new StreamState(seq));
        long index = s.estimateIndex(seq);
        if (index < 0) {
            index = seq; // sender's first packets after a restart below ROC 0: there is no negative index
        }
        s.update(index);
        return transformer.protectRtp(buf, len, hdrLen, ssrc, index);
    }

    /** Unprotects in place; returns the plaintext length or a negative DROP_* code. Never throws for bad input. */
    int unprotect(byte[] buf, int len) {
        int hdrLen = RtpHeader.length(buf, len);
        if (hdrLen < 0 || len < hdrLen + transformer.tagLength()) {
            return DROP_MALFORMED;
        }
        int ssrc = RtpHeader.ssrc(buf);
        int seq = RtpHeader.sequence(buf);
        StreamState s = streams.get(ssrc);
        long index = s == null ? seq : s.estimateIndex(seq);
        if (index < 0) {
            return DROP_REPLAY; // before ROC 0 of a stream we already track: cannot be a new packet
        }
        if (s != null && s.window.isReplayOrTooOld(index)) {
            return DROP_REPLAY;
        }
        if (s == null && streams.size() >= MAX_STREAMS) {
            return DROP_TOO_MANY_STREAMS;
        }
        int plain = transformer.unprotectRtp(buf, len, hdrLen, ssrc, index);
        if (plain < 0) {
            return DROP_AUTH;
        }
        if (s == null) {
            s = new StreamState(seq);
            streams.put(ssrc, s);
        }
        s.update(index);
        s.window.accept(index);
        return plain;
    }

    /** The current rollover counter for an SSRC, or -1 if unknown; for tests and stats. */
    int rolloverCounter(int ssrc) {
        StreamState s = streams.get(ssrc);
        return s == null ? -1 : s.roc;
    }
}
