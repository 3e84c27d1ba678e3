package com.kvscamera.rtc.net;

import java.io.IOException;

/**
 * Sends one datagram to the remote peer over whatever path the transport has selected
 * (a host/srflx UDP pair, or a TURN relay over UDP, TCP or TLS). Implementations never block for long:
 * a packet that cannot be sent now is dropped and counted, because media must never stall the sender.
 */
public interface PacketSender {
    void send(byte[] data, int offset, int length) throws IOException;
}
