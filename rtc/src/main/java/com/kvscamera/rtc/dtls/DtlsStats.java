package com.kvscamera.rtc.dtls;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one DTLS association. */
public final class DtlsStats {
    final LongAdder datagramsIn = new LongAdder();
    final LongAdder datagramsOut = new LongAdder();
    final LongAdder malformedDropped = new LongAdder();
    final LongAdder queueOverflowDropped = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder applicationDataDropped = new LongAdder();
    final LongAdder changeCipherSpecWithheld = new LongAdder();
    volatile long handshakeMillis = -1;

    public record Snapshot(long datagramsIn, long datagramsOut, long malformedDropped, long queueOverflowDropped,
                           long sendFailures, long applicationDataDropped, long changeCipherSpecWithheld,
                           long handshakeMillis) {
    }

    public Snapshot snapshot() {
        return new Snapshot(datagramsIn.sum(), datagramsOut.sum(), malformedDropped.sum(), queueOverflowDropped.sum(),
                sendFailures.sum(), applicationDataDropped.sum(), changeCipherSpecWithheld.sum(), handshakeMillis);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
