package com.kvscamera.rtc.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IPv4 UDP socket with one named reader thread. Every datagram goes to the handler on the reader thread,
 * so the handler must be quick (copy and hand over). Sends are thread-safe and never block for long.
 */
public final class UdpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);

    /** Receives a datagram; the array is reused after the call returns. */
    public interface Handler {
        void onDatagram(byte[] data, int length, InetSocketAddress from);
    }

    private final DatagramChannel channel;
    private final Thread reader;
    private final InetSocketAddress local;
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile boolean closed;

    private UdpEndpoint(DatagramChannel channel, String threadName, Handler handler) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.reader = new Thread(() -> readLoop(handler), threadName + "-" + local.getPort());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Binds a wildcard IPv4 socket on the first free port in [minPort, maxPort] (0/0 = any port).
     * Wildcard so that one socket serves every host candidate of a session (RFC 8445 §5.1.1.1 allows
     * sharing a base; it keeps a session at one socket).
     */
    public static UdpEndpoint bind(String bindAddress, int minPort, int maxPort, String threadName, Handler handler)
            throws IOException {
        IOException last = null;
        int from = minPort <= 0 ? 0 : minPort;
        int to = minPort <= 0 ? 0 : maxPort;
        for (int port = from; port <= to; port++) {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
                ch.bind(new InetSocketAddress(bindAddress, port));
                return new UdpEndpoint(ch, threadName, handler);
            } catch (IOException e) {
                ch.close();
                last = e;
            }
        }
        throw new BindException("no free UDP port in " + minPort + "-" + maxPort + " on " + bindAddress
                + (last != null ? ": " + last.getMessage() : ""));
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public void send(byte[] data, int off, int len, InetSocketAddress to) throws IOException {
        if (closed) throw new ClosedChannelException();
        try {
            channel.send(ByteBuffer.wrap(data, off, len), to);
        } catch (IOException e) {
            sendErrors.incrementAndGet();
            throw e;
        }
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    private void readLoop(Handler handler) {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (!closed) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                if (from == null) continue;
                handler.onDatagram(buf.array(), buf.position(), from);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) LOG.debug("udp {} receive failed: {}", local, e.toString());
            } catch (RuntimeException e) {
                LOG.warn("udp {} handler failed", local, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close(); // unblocks receive()
        } catch (IOException e) {
            LOG.debug("udp close: {}", e.toString());
        }
        if (Thread.currentThread() != reader) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
