package com.kvscamera.rtc.rtcp;

/**
 * One RFC 3550 §6.4.1 report block, as a viewer reports on our stream.
 *
 * @param ssrc               the stream reported on (ours)
 * @param fractionLost       lost fraction since the previous report, in 1/256 units (0..255)
 * @param cumulativeLost     packets lost since the start (signed 24-bit: duplicates can make it negative)
 * @param extendedHighestSeq highest sequence number received, with the wrap count in the high 16 bits
 * @param jitter             interarrival jitter in RTP timestamp units (1/90000 s for video)
 * @param lastSr             middle 32 bits of the NTP time of the last SR received, or 0
 * @param delaySinceLastSr   delay since that SR in 1/65536 s
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq,
                          long jitter, long lastSr, long delaySinceLastSr) {

    /** Round-trip time in milliseconds from this block (RFC 3550 §6.4.1), or -1 without an SR echo. */
    public long roundTripMillis(long ntpNow) {
        if (lastSr == 0) return -1;
        long a = NtpTime.middle32(ntpNow) & 0xFFFF_FFFFL;
        long rtt = (a - lastSr - delaySinceLastSr) & 0xFFFF_FFFFL;
        return rtt * 1000 / 65536;
    }
}
