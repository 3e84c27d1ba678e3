package com.kvscamera.rtc.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6184 packetization mode 1 for one access unit: single NAL unit packets, STAP-A for runs of small NAL
 * units (typically SPS+PPS, sometimes SPS+PPS+a small slice), and FU-A with S/E bits for NAL units larger
 * than the payload budget. The marker is set on the last payload of the access unit.
 *
 * <p>Written by hand because it is about a hundred lines and the Java RTP libraries on Maven Central drag
 * in whole media stacks. The packetizer is stateless apart from its budget, so one instance can serve the
 * whole process; call it once per access unit and share the result between viewers.
 */
public final class H264Packetizer {
    /** Smallest budget that still leaves room for an FU-A header and a meaningful fragment. */
    public static final int MIN_PAYLOAD = 64;

    static final int NAL_TYPE_STAP_A = 24;
    static final int NAL_TYPE_FU_A = 28;

    private final int maxPayload;

    /**
     * @param maxPayload the largest RTP payload in bytes: path MTU minus IP, UDP (and TURN) headers, the 12-byte
     *                   RTP header and the SRTP auth tag. 1200 is the value libwebrtc and pion use.
     */
    public H264Packetizer(int maxPayload) {
        if (maxPayload < MIN_PAYLOAD || maxPayload > 65_000) {
            throw new IllegalArgumentException("maxPayload must be within " + MIN_PAYLOAD + "..65000, got " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    public int maxPayload() {
        return maxPayload;
    }

    /**
     * Packetizes one access unit.
     *
     * @param nalUnits NAL units in decoding order, without start codes; empty arrays are skipped. The arrays are
     *                 referenced, not copied, by the returned payloads and must not change afterwards.
     * @return payloads in sending order, each at most {@link #maxPayload()} bytes; empty when there is nothing to send
     */
    public List<RtpPayload> packetize(List<byte[]> nalUnits) {
        List<RtpPayload> out = new ArrayList<>(nalUnits.size() + 4);
        int i = 0;
        int n = nalUnits.size();
        while (i < n) {
            byte[] nal = nalUnits.get(i);
            if (nal == null || nal.length == 0) {
                i++;
                continue;
            }
            if (nal.length > maxPayload) {
                fragment(nal, out);
                i++;
                continue;
            }
            int end = aggregationEnd(nalUnits, i);
            if (end - i >= 2) {
                out.add(stapA(nalUnits, i, end));
                i = end;
            } else {
                out.add(new RtpPayload(nal, 0, nal.length, false));
                i++;
            }
        }
        if (!out.isEmpty()) {
            int last = out.size() - 1;
            out.set(last, out.get(last).withMarker(true));
        }
        return out;
    }

    /** Index after the longest run starting at {@code from} whose STAP-A fits the budget (skipping empty NALs). */
    private int aggregationEnd(List<byte[]> nalUnits, int from) {
        int size = 1; // STAP-A NAL header
        int end = from;
        while (end < nalUnits.size()) {
            byte[] nal = nalUnits.get(end);
            // an empty entry ends the run; the caller's loop skips it
            if (nal == null || nal.length == 0 || nal.length > 0xFFFF || size + 2 + nal.length > maxPayload) break;
            size += 2 + nal.length;
            end++;
        }
        return end;
    }

    private static RtpPayload stapA(List<byte[]> nalUnits, int from, int end) {
        int size = 1;
        int forbidden = 0;
        int nri = 0;
        for (int k = from; k < end; k++) {
            byte[] nal = nalUnits.get(k);
            size += 2 + nal.length;
            forbidden |= nal[0] & 0x80;
            nri = Math.max(nri, nal[0] & 0x60); // RFC 6184 §5.7.1: NRI is the maximum over the aggregated units
        }
        byte[] buf = new byte[size];
        buf[0] = (byte) (forbidden | nri | NAL_TYPE_STAP_A);
        int p = 1;
        for (int k = from; k < end; k++) {
            byte[] nal = nalUnits.get(k);
            buf[p] = (byte) (nal.length >>> 8);
            buf[p + 1] = (byte) nal.length;
            System.arraycopy(nal, 0, buf, p + 2, nal.length);
            p += 2 + nal.length;
        }
        return new RtpPayload(buf, 0, size, false);
    }

    /**
     * FU-A fragments of near-equal size (as libwebrtc does), so the last packet of a slice is not a tiny
     * runt that costs a whole packet's overhead and loss probability.
     */
    private void fragment(byte[] nal, List<RtpPayload> out) {
        int indicator = (nal[0] & 0xE0) | NAL_TYPE_FU_A;
        int type = nal[0] & 0x1F;
        int remaining = nal.length - 1; // the original NAL header is carried in the FU header
        int capacity = maxPayload - 2;
        int count = (remaining + capacity - 1) / capacity;
        int base = remaining / count;
        int extra = remaining % count;
        int offset = 1;
        for (int k = 0; k < count; k++) {
            int len = base + (k < extra ? 1 : 0);
            int fuHeader = type;
            if (k == 0) fuHeader |= 0x80;
            if (k == count - 1) fuHeader |= 0x40;
            out.add(new RtpPayload((byte) indicator, (byte) fuHeader, nal, offset, len, false));
            offset += len;
        }
    }
}
