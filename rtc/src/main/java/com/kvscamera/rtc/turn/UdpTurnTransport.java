package com.kvscamera.rtc.turn;

import com.kvscamera.rtc.net.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;

/** TURN over UDP: one socket, datagrams from anyone but the server are ignored. */
final class UdpTurnTransport implements TurnTransport {
    private final InetSocketAddress server;
    private final String name;
    private UdpEndpoint socket;

    UdpTurnTransport(InetSocketAddress server, String name) {
        this.server = server;
        this.name = name;
    }

    @Override
    public void start(Events events) {
        try {
            socket = UdpEndpoint.bind("0.0.0.0", 0, 0, name, (data, len, from) -> {
                if (from.equals(server)) events.onMessage(data, 0, len);
            });
            events.onConnected();
        } catch (IOException e) {
            events.onClosed("cannot open UDP socket: " + e.getMessage());
        }
    }

    @Override
    public void send(byte[] data, int off, int len) throws IOException {
        UdpEndpoint s = socket;
        if (s == null) throw new IOException("TURN UDP transport not started");
        s.send(data, off, len, server);
    }

    @Override
    public boolean isStream() {
        return false;
    }

    @Override
    public void close() {
        if (socket != null) socket.close();
    }
}
