package com.kvscamera.rtc.ice;

import com.kvscamera.rtc.net.UdpEndpoint;
import com.kvscamera.rtc.turn.TurnClient;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Where a local candidate sends from: the session's UDP socket, or a TURN allocation. */
abstract class IceBase {
    /** The candidate whose priority the pairs of this base use (RFC 8445 §6.1.2.3). */
    volatile IceCandidate candidate;

    abstract void send(byte[] data, int off, int len, InetSocketAddress to) throws IOException;

    abstract boolean isRelay();

    abstract void close();

    static final class Udp extends IceBase {
        final UdpEndpoint socket;
        final java.net.InetAddress address;
        Udp(UdpEndpoint socket, java.net.InetAddress address) { this.socket = socket; this.address = address; }
        @Override void send(byte[] d, int off, int len, InetSocketAddress to) throws IOException { socket.send(d, off, len, to); }
        @Override boolean isRelay() { return false; }
        @Override void close() { socket.close(); }
        @Override public String toString() { return "udp:" + socket.localAddress().getPort(); }
    }

    static final class Relay extends IceBase {
        final TurnClient turn;
        Relay(TurnClient turn) { this.turn = turn; }
        @Override void send(byte[] d, int off, int len, InetSocketAddress to) throws IOException { turn.send(d, off, len, to); }
        @Override boolean isRelay() { return true; }
        @Override void close() { turn.close(); }
        @Override public String toString() { return "relay:" + turn.uri(); }
    }
}
