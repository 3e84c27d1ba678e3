package com.kvscamera.emulator.signaling;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;

/** One accepted WebSocket connection: master or viewer of a channel. Router thread only, except {@link #link()}. */
public final class Peer {
    private final long id;
    private final String channelName;
    private final String clientId;
    private final PeerLink link;
    final RateWindow offers;
    final RateWindow answers;
    final RateWindow candidates;
    ScheduledFuture<?> lifetimeTimer;
    ScheduledFuture<?> goAwayTimer;
    boolean closing;

    Peer(long id, String channelName, String clientId, PeerLink link, Clock clock) {
        this.id = id;
        this.channelName = channelName;
        this.clientId = clientId;
        this.link = link;
        this.offers = new RateWindow(5, clock);
        this.answers = new RateWindow(5, clock);
        this.candidates = new RateWindow(20, clock);
    }

    public long id() {
        return id;
    }

    public String channelName() {
        return channelName;
    }

    /** Null for the master. */
    public String clientId() {
        return clientId;
    }

    public boolean isMaster() {
        return clientId == null;
    }

    public PeerLink link() {
        return link;
    }

    @Override
    public String toString() {
        return (isMaster() ? "master" : "viewer " + clientId) + " #" + id + " of " + channelName;
    }
}
