package com.kvscamera.rtc.ice;

import java.net.InetSocketAddress;

/** A local base paired with a remote transport address; mutated only on the agent's loop. */
final class CandidatePair {
    enum State { WAITING, IN_PROGRESS, SUCCEEDED, FAILED }

    final IceBase base;
    final InetSocketAddress remote;
    final long remotePriority;
    State state = State.WAITING;
    /** The controlling peer sent USE-CANDIDATE for this pair (we are controlled). */
    boolean useCandidateReceived;
    /** We sent USE-CANDIDATE for this pair (we are controlling). */
    boolean nominating;

    CandidatePair(IceBase base, InetSocketAddress remote, long remotePriority) {
        this.base = base;
        this.remote = remote;
        this.remotePriority = remotePriority;
    }

    String key() {
        return key(base, remote);
    }

    static String key(IceBase base, InetSocketAddress remote) {
        return System.identityHashCode(base) + "|" + remote;
    }

    /** RFC 8445 §6.1.2.3 pair priority. */
    long priority(boolean controlling) {
        long local = base.candidate == null ? 0 : base.candidate.priority();
        long g = controlling ? local : remotePriority;
        long d = controlling ? remotePriority : local;
        return (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }

    @Override
    public String toString() {
        return base + "->" + remote + " " + state;
    }
}
