package com.kvscamera.emulator.turn;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports free for both TCP and UDP on 127.0.0.1 (coturn listens on both with one port number). */
final class FreePorts {
    private FreePorts() {
    }

    static int tcpAndUdp() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(lo, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, port))) {
                    // also keep port+1 free: coturn may open an alternate listener there
                    try (DatagramSocket alt = new DatagramSocket(new InetSocketAddress(lo, port + 1))) {
                        return port;
                    }
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both TCP and UDP on 127.0.0.1 after 50 attempts");
    }
}
