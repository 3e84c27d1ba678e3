package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.net.PacketReceiver;
import com.kvscamera.rtc.net.PacketSender;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * Two real UDP sockets on 127.0.0.1 wired to two endpoints, standing in for the ICE layer: each socket has a
 * reader thread that hands datagrams to its endpoint's receiver.
 */
final class UdpLoopbackLink implements AutoCloseable {
    final DatagramSocket a;
    final DatagramSocket b;
    private final Thread readerA;
    private final Thread readerB;

    UdpLoopbackLink(PacketReceiver toA, PacketReceiver toB) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        a = new DatagramSocket(new InetSocketAddress(lo, 0));
        b = new DatagramSocket(new InetSocketAddress(lo, 0));
        readerA = reader(a, toA, "test-udp-a");
        readerB = reader(b, toB, "test-udp-b");
    }

    PacketSender senderFromA() {
        return sender(a, b);
    }

    PacketSender senderFromB() {
        return sender(b, a);
    }

    private static PacketSender sender(DatagramSocket from, DatagramSocket to) {
        InetSocketAddress dst = (InetSocketAddress) to.getLocalSocketAddress();
        return (data, off, len) -> from.send(new DatagramPacket(data, off, len, dst));
    }

    private static Thread reader(DatagramSocket s, PacketReceiver r, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            while (!s.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    s.receive(p);
                } catch (SocketException e) {
                    return;
                } catch (IOException e) {
                    continue;
                }
                r.onPacket(p.getData(), p.getOffset(), p.getLength());
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        a.close();
        b.close();
        readerA.join(2000);
        readerB.join(2000);
    }
}
