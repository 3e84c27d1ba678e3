package com.kvscamera.agent.session;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one session, written by its media and RTCP paths, read by status reporting. */
public final class SessionStats {
    public final LongAdder bytesSent = new LongAdder();
    public final LongAdder packetsSent = new LongAdder();
    public final LongAdder framesSent = new LongAdder();
    public final LongAdder nacksReceived = new LongAdder();
    public final LongAdder packetsRetransmitted = new LongAdder();
    public final LongAdder pliReceived = new LongAdder();
    public final LongAdder firReceived = new LongAdder();
    public final LongAdder keyframeRequestsAnswered = new LongAdder();
    public final LongAdder sendErrors = new LongAdder();
    /** From the viewer's latest receiver report: packets it lost so far, and the round trip (-1 unknown). */
    public volatile long viewerLost;
    public volatile long roundTripMillis = -1;

    @Override
    public String toString() {
        return "bytes=" + bytesSent.sum() + " packets=" + packetsSent.sum() + " frames=" + framesSent.sum()
                + " nack=" + nacksReceived.sum() + " rtx=" + packetsRetransmitted.sum()
                + " pli=" + pliReceived.sum() + " fir=" + firReceived.sum() + " lost=" + viewerLost
                + " rtt=" + (roundTripMillis < 0 ? "?" : roundTripMillis + "ms");
    }
}
