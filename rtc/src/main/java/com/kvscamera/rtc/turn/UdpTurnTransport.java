package com.kvscamera.rtc.turn;

import com.kvscamera.rtc.net.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;

/** TURN over UDP: one socket, datagrams from anyone but the server are ignored. */
final class UdpTurnTransport implements TurnTransport {
    private final String host;
    private final int port;
    private final String name;
    private volatile InetSocketAddress server;
    private UdpEndpoint socket;

    UdpTurnTransport(String host, int port, String name) {
        this.host = host;
        this.port = port;
        this.name = name;
    }

    /** Resolves on a short-lived thread: a DNS lookup (KVS TURN URIs are names) must not stall the scheduler. */
    @Override
    public void start(Events events) {
        Thread t = new Thread(() -> {
            try {
                server = new InetSocketAddress(java.net.InetAddress.getByName(host), port);
                socket = UdpEndpoint.bind("0.0.0.0", 0, 0, name, (data, len, from) -> {
                    if (from.equals(server)) events.onMessage(data, 0, len);
                });
                events.onConnected();
            } catch (IOException e) {
                events.onClosed("cannot reach " + host + ":" + port + " over UDP: " + e.getMessage());
            }
        }, name + "-resolve");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void send(byte[] data, int off, int len) throws IOException {
        UdpEndpoint s = socket;
        InetSocketAddress server = this.server;
        if (s == null || server == null) throw new IOException("TURN UDP transport not started");
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
