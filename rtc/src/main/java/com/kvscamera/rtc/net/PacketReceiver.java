package com.kvscamera.rtc.net;

/**
 * Receives one non-STUN datagram from the remote peer, after RFC 7983 demultiplexing.
 * The buffer is only valid during the call; copy what must be kept.
 */
@FunctionalInterface
public interface PacketReceiver {
    void onPacket(byte[] data, int offset, int length);
}
