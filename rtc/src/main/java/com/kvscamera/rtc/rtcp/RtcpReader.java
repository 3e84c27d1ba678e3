package com.kvscamera.rtc.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a (decrypted) RTCP compound packet and reports what a video sender acts on to an {@link RtcpListener}.
 * Hand-written because the formats are a few fixed layouts and a library would bring a media stack with it.
 *
 * <p>Malformed input never throws: a packet whose header or length is inconsistent ends the walk of its
 * compound (the following lengths cannot be trusted) and is counted; a packet whose header is sound but
 * whose body is short is counted and skipped. RFC 5506 reduced-size (non-compound) packets are accepted.
 * Unknown packet types and feedback formats are skipped and counted separately.
 *
 * <p>Not thread-safe: one reader per viewer, called on the viewer's receive path.
 */
public final class RtcpReader {
    private final RtcpListener listener;
    private long compounds;
    private long packets;
    private long malformed;
    private long ignored;

    public RtcpReader(RtcpListener listener) {
        this.listener = listener;
    }

    /** Parses one datagram's worth of RTCP. */
    public void read(byte[] buf, int off, int len) {
        compounds++;
        try {
            walk(buf, off, len);
        } catch (RuntimeException e) {
            // a bounds bug here must not take down the viewer's receive path; count it like bad input
            malformed++;
        }
    }

    private void walk(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            malformed++;
            return;
        }
        int p = off;
        int end = off + len;
        if (len < 4) {
            malformed++;
            return;
        }
        while (p < end) {
            if (end - p < 4) {
                malformed++;
                return;
            }
            int first = buf[p] & 0xFF;
            if (first >>> 6 != 2) {
                malformed++;
                return;
            }
            int size = 4 * (u16(buf, p + 2) + 1);
            if (size > end - p) {
                malformed++;
                return;
            }
            int bodyEnd = p + size;
            if ((first & 0x20) != 0) {
                // padding is only allowed on the last packet of a compound (RFC 3550 §6.4.1)
                int pad = buf[bodyEnd - 1] & 0xFF;
                if (pad == 0 || pad > size - 4 || bodyEnd != end) {
                    malformed++;
                    return;
                }
                bodyEnd -= pad;
            }
            packets++;
            if (!packet(buf, p, first & 0x1F, buf[p + 1] & 0xFF, bodyEnd)) malformed++;
            p += size;
        }
    }

    /** Returns false when the packet's body is inconsistent with its header. */
    private boolean packet(byte[] b, int p, int count, int type, int end) {
        switch (type) {
            case RtcpType.SR:
                return reports(b, p, count, end, 28);
            case RtcpType.RR:
                return reports(b, p, count, end, 8);
            case RtcpType.RTPFB:
                return count == RtcpType.FMT_NACK ? nack(b, p, end) : ignore();
            case RtcpType.PSFB:
                return switch (count) {
                    case RtcpType.FMT_PLI -> pli(b, p, end);
                    case RtcpType.FMT_FIR -> fir(b, p, end);
                    case RtcpType.FMT_AFB -> afb(b, p, end);
                    default -> ignore();
                };
            case RtcpType.BYE:
                return bye(b, p, count, end);
            case RtcpType.SDES:
            case RtcpType.APP:
                return ignore();
            default:
                return ignore();
        }
    }

    private boolean ignore() {
        ignored++;
        return true;
    }

    private boolean reports(byte[] b, int p, int count, int end, int headerLen) {
        if (p + headerLen + 24 * count > end) return false;
        int sender = s32(b, p + 4);
        if (count == 0) return true;
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0, q = p + headerLen; i < count; i++, q += 24) {
            int cumulative = (u8(b, q + 5) << 16) | (u8(b, q + 6) << 8) | u8(b, q + 7);
            if ((cumulative & 0x80_0000) != 0) cumulative |= 0xFF00_0000; // sign-extend 24 bits
            blocks.add(new ReportBlock(s32(b, q), u8(b, q + 4), cumulative, u32(b, q + 8), u32(b, q + 12),
                    u32(b, q + 16), u32(b, q + 20)));
        }
        listener.onReportBlocks(sender, List.copyOf(blocks));
        return true;
    }

    private boolean nack(byte[] b, int p, int end) {
        int fci = end - (p + 12);
        if (fci < 4 || fci % 4 != 0) return false;
        int entries = fci / 4;
        int n = 0;
        int[] seqs = new int[entries * 17];
        for (int q = p + 12; q < end; q += 4) {
            int pid = u16(b, q);
            int blp = u16(b, q + 2);
            seqs[n++] = pid;
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) seqs[n++] = (pid + bit + 1) & 0xFFFF;
            }
        }
        listener.onNack(s32(b, p + 4), s32(b, p + 8), java.util.Arrays.copyOf(seqs, n));
        return true;
    }

    private boolean pli(byte[] b, int p, int end) {
        if (end - p < 12) return false;
        listener.onPictureLoss(s32(b, p + 4), s32(b, p + 8));
        return true;
    }

    private boolean fir(byte[] b, int p, int end) {
        int fci = end - (p + 12);
        if (fci < 8 || fci % 8 != 0) return false;
        int sender = s32(b, p + 4);
        for (int q = p + 12; q < end; q += 8) {
            listener.onFullIntraRequest(sender, s32(b, q), u8(b, q + 4));
        }
        return true;
    }

    private boolean afb(byte[] b, int p, int end) {
        int q = p + 12;
        if (end - q < 8 || b[q] != 'R' || b[q + 1] != 'E' || b[q + 2] != 'M' || b[q + 3] != 'B') {
            return ignore(); // some other application-layer feedback
        }
        int num = u8(b, q + 4);
        int exp = u8(b, q + 5) >>> 2;
        long mantissa = ((long) (u8(b, q + 5) & 0x03) << 16) | (u8(b, q + 6) << 8) | u8(b, q + 7);
        if (q + 8 + 4 * num > end) return false;
        long bitrate = exp > 45 ? Long.MAX_VALUE : mantissa << exp; // 18-bit mantissa << 45 still fits a long
        int[] ssrcs = new int[num];
        for (int i = 0; i < num; i++) ssrcs[i] = s32(b, q + 8 + 4 * i);
        listener.onRemb(s32(b, p + 4), bitrate, ssrcs);
        return true;
    }

    private boolean bye(byte[] b, int p, int count, int end) {
        int q = p + 4;
        if (q + 4 * count > end) return false;
        int[] ssrcs = new int[count];
        for (int i = 0; i < count; i++) ssrcs[i] = s32(b, q + 4 * i);
        q += 4 * count;
        String reason = "";
        if (q < end) {
            int len = u8(b, q);
            if (q + 1 + len > end) return false;
            reason = new String(b, q + 1, len, StandardCharsets.UTF_8);
        }
        listener.onBye(ssrcs, reason);
        return true;
    }

    /** Datagrams passed to {@link #read}. */
    public long compoundCount() {
        return compounds;
    }

    /** Well-framed RTCP packets seen. */
    public long packetCount() {
        return packets;
    }

    /** Packets or compounds rejected as malformed. */
    public long malformedCount() {
        return malformed;
    }

    /** Well-formed packets of types or formats a sender does not act on (SDES, APP, transport-cc, ...). */
    public long ignoredCount() {
        return ignored;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int s32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static long u32(byte[] b, int i) {
        return s32(b, i) & 0xFFFF_FFFFL;
    }
}
