package com.kvscamera.rtc.srtp;

/**
 * A 64-entry sliding replay window over packet indices (RFC 3711 §3.3.2). Check before authenticating,
 * {@link #accept} only after the packet authenticated, so forged packets cannot move the window.
 */
final class ReplayWindow {
    static final int SIZE = 64;
    private long highest = -1;
    private long seen; // bit d set: index (highest - d) was accepted

    boolean isReplayOrTooOld(long index) {
        if (highest < 0 || index > highest) {
            return false;
        }
        long delta = highest - index;
        return delta >= SIZE || (seen & (1L << delta)) != 0;
    }

    void accept(long index) {
        if (highest < 0) {
            highest = index;
            seen = 1;
        } else if (index > highest) {
            long shift = index - highest;
            seen = shift >= SIZE ? 1 : (seen << shift) | 1;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }

    long highest() {
        return highest;
    }
}
