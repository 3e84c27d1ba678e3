package com.kvscamera.rtc.srtp;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one SRTP session; every dropped inbound packet lands in exactly one drop counter. */
public final class SrtpStats {
    final LongAdder rtpProtected = new LongAdder();
    final LongAdder rtcpProtected = new LongAdder();
    final LongAdder rtpUnprotected = new LongAdder();
    final LongAdder rtcpUnprotected = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder authFailed = new LongAdder();
    final LongAdder replayed = new LongAdder();

    public record Snapshot(long rtpProtected, long rtcpProtected, long rtpUnprotected, long rtcpUnprotected,
                           long malformed, long authFailed, long replayed) {
        public long dropped() {
            return malformed + authFailed + replayed;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(rtpProtected.sum(), rtcpProtected.sum(), rtpUnprotected.sum(), rtcpUnprotected.sum(),
                malformed.sum(), authFailed.sum(), replayed.sum());
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
