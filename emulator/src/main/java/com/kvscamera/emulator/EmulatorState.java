package com.kvscamera.emulator;

import java.util.List;
import java.util.Optional;

/** What GET /_emulator/state returns. */
public record EmulatorState(List<ChannelState> channels) {

    /**
     * @param masterConnections every successful master upgrade since start
     * @param sessionsExpired   connections the emulator closed because their session lifetime ended
     * @param offers            SDP_OFFER messages accepted (viewers and SendAlexaOfferToMaster)
     */
    public record ChannelState(String name, String arn, boolean masterConnected, long masterConnections,
                               long sessionsExpired, int viewers, long offers, long answers, long candidates) {
    }

    public Optional<ChannelState> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
