package com.kvscamera.rtc.rtcp;

import java.nio.charset.StandardCharsets;

/**
 * Builds the RTCP a video sender emits: SR + SDES(CNAME) compound packets (RFC 3550 §6.4.1, §6.5) and BYE.
 * We receive no media, so the SR carries no report blocks. Output goes into a caller's reusable buffer.
 */
public final class SenderReportWriter {
    /** SR without report blocks: 8-byte header + 20 bytes of sender info. */
    public static final int SR_LENGTH = 28;

    private SenderReportWriter() {
    }

    /** Length of the compound for a CNAME of {@code cnameBytes} UTF-8 bytes. */
    public static int compoundLength(int cnameBytes) {
        return SR_LENGTH + sdesLength(cnameBytes);
    }

    private static int sdesLength(int cnameBytes) {
        // header(4) + SSRC(4) + type(1) + len(1) + text + at least one END byte, padded to a 32-bit boundary
        return 4 + ((4 + 2 + cnameBytes + 1 + 3) & ~3);
    }

    /**
     * Writes SR + SDES(CNAME).
     *
     * @param ntp         64-bit NTP wallclock of this report (see {@link NtpTime})
     * @param rtpTimestamp RTP timestamp corresponding to the same instant, on the stream's clock
     * @return bytes written
     */
    public static int writeCompound(byte[] out, int off, int ssrc, long ntp, int rtpTimestamp,
                                    long packetCount, long octetCount, byte[] cnameUtf8) {
        if (cnameUtf8.length == 0 || cnameUtf8.length > 255) {
            throw new IllegalArgumentException("CNAME must be 1..255 bytes, got " + cnameUtf8.length);
        }
        int total = compoundLength(cnameUtf8.length);
        if (out.length - off < total) throw new IllegalArgumentException("buffer too small for " + total + "-byte SR+SDES");
        int p = off;
        out[p] = (byte) 0x80; // V=2, P=0, RC=0
        out[p + 1] = (byte) RtcpType.SR;
        putShort(out, p + 2, SR_LENGTH / 4 - 1);
        putInt(out, p + 4, ssrc);
        putInt(out, p + 8, (int) (ntp >>> 32));
        putInt(out, p + 12, (int) ntp);
        putInt(out, p + 16, rtpTimestamp);
        putInt(out, p + 20, (int) packetCount); // RFC 3550: counts wrap modulo 2^32
        putInt(out, p + 24, (int) octetCount);
        p += SR_LENGTH;

        int sdes = sdesLength(cnameUtf8.length);
        out[p] = (byte) 0x81; // V=2, SC=1
        out[p + 1] = (byte) RtcpType.SDES;
        putShort(out, p + 2, sdes / 4 - 1);
        putInt(out, p + 4, ssrc);
        out[p + 8] = (byte) RtcpType.SDES_CNAME;
        out[p + 9] = (byte) cnameUtf8.length;
        System.arraycopy(cnameUtf8, 0, out, p + 10, cnameUtf8.length);
        for (int i = p + 10 + cnameUtf8.length; i < p + sdes; i++) out[i] = 0; // END + padding
        return total;
    }

    public static int writeCompound(byte[] out, int off, int ssrc, long ntp, int rtpTimestamp,
                                    long packetCount, long octetCount, String cname) {
        return writeCompound(out, off, ssrc, ntp, rtpTimestamp, packetCount, octetCount, cname.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes SR + SDES + BYE, the compound a sender emits when it leaves (RFC 3550 §6.6: a BYE must still be
     * part of a compound starting with a report).
     */
    public static int writeGoodbye(byte[] out, int off, int ssrc, long ntp, int rtpTimestamp,
                                   long packetCount, long octetCount, String cname) {
        int n = writeCompound(out, off, ssrc, ntp, rtpTimestamp, packetCount, octetCount, cname);
        if (out.length - off - n < 8) throw new IllegalArgumentException("buffer too small for BYE");
        int p = off + n;
        out[p] = (byte) 0x81;
        out[p + 1] = (byte) RtcpType.BYE;
        putShort(out, p + 2, 1);
        putInt(out, p + 4, ssrc);
        return n + 8;
    }

    static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
