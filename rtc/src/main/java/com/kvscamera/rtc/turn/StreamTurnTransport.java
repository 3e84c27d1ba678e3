package com.kvscamera.rtc.turn;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TURN over TCP or TLS (turns:). Frames are self-delimiting: a STUN header carries its length, a ChannelData
 * header its length plus padding to 4 (RFC 8656 §12.5). TLS is JSSE with hostname verification on, so a
 * turns: server must present a certificate for the host in the URI; tests inject an SSLContext with their CA.
 * Connect and handshake run on the reader thread, so the caller never blocks on the network.
 */
final class StreamTurnTransport implements TurnTransport {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTurnTransport.class);
    private final String host;
    private final int port;
    private final SSLContext tls; // null = plain TCP
    private final int connectTimeoutMs;
    private final String threadName;
    private final Object writeLock = new Object();
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean closed;
    private Thread reader;

    StreamTurnTransport(String host, int port, SSLContext tls, int connectTimeoutMs, String threadName) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeoutMs = connectTimeoutMs;
        this.threadName = threadName;
    }

    @Override
    public void start(Events events) {
        reader = new Thread(() -> run(events), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void run(Events events) {
        try {
            Socket s = new Socket();
            socket = s;
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), connectTimeoutMs);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 8656 §3.1: verify the server's identity
                if (!isIpLiteral(host)) p.setServerNames(List.of(new SNIHostName(host)));
                ssl.setSSLParameters(p);
                ssl.setSoTimeout(connectTimeoutMs);
                socket = ssl;
                ssl.startHandshake();
                ssl.setSoTimeout(0);
            }
            if (closed) return;
            out = socket.getOutputStream();
            events.onConnected();
            readFrames(new DataInputStream(socket.getInputStream()), events);
        } catch (IOException e) {
            if (!closed) events.onClosed((tls != null ? "TLS" : "TCP") + " connection to " + host + ":" + port
                    + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("TURN stream reader failed", e);
            if (!closed) events.onClosed("TURN stream reader failed: " + e);
        }
    }

    private static boolean isIpLiteral(String h) {
        return h.indexOf(':') >= 0 || h.matches("[0-9.]+");
    }

    private void readFrames(DataInputStream in, Events events) throws IOException {
        byte[] buf = new byte[65536 + 20];
        while (!closed) {
            try {
                in.readFully(buf, 0, 4);
            } catch (EOFException e) {
                if (!closed) events.onClosed("TURN server " + host + ":" + port + " closed the connection");
                return;
            }
            int len = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
            int total;
            int kind = buf[0] & 0xC0;
            if (kind == 0) total = 20 + len;
            else if (kind == 0x40) total = 4 + ((len + 3) & ~3);
            else {
                events.onClosed("TURN server " + host + ":" + port + " sent an unframeable byte 0x"
                        + Integer.toHexString(buf[0] & 0xFF));
                return;
            }
            in.readFully(buf, 4, total - 4);
            events.onMessage(buf, 0, kind == 0 ? total : 4 + len);
        }
    }

    @Override
    public void send(byte[] data, int off, int len) throws IOException {
        OutputStream o = out;
        if (o == null) throw new IOException("TURN stream to " + host + ":" + port + " not connected");
        synchronized (writeLock) {
            o.write(data, off, len);
            o.flush();
        }
    }

    @Override
    public boolean isStream() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("close: {}", e.toString());
            }
        }
        if (reader != null && Thread.currentThread() != reader) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
