package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.net.PacketSender;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BC's DatagramTransport over the ICE layer: datagrams arrive through {@link #offer} (called by the network
 * thread, never blocks) into a bounded queue that BC's blocking handshake drains on the DTLS thread; output
 * goes straight to the {@link PacketSender}.
 *
 * <p>Closing: {@link #requestClose()} makes the next receive throw InterruptedIOException, which BC passes
 * through without failing the record layer, so the DTLS thread can still send close_notify.
 */
final class QueueDatagramTransport implements DatagramTransport {
    /** Largest datagram accepted; a DTLS record over UDP never legitimately exceeds a path MTU. */
    static final int MAX_DATAGRAM = 2048;
    private static final Logger log = LoggerFactory.getLogger(QueueDatagramTransport.class);
    private static final byte[] WAKE = new byte[0];
    private static final int RECORD_HEADER = 13;
    /** 8-byte explicit nonce + 16-byte tag: the smallest AES-GCM record (we negotiate only GCM suites). */
    static final int MIN_PROTECTED_RECORD = 24;

    private final BlockingQueue<byte[]> queue;
    private final int mtu;
    private final DtlsStats stats;
    private final String peer;
    private volatile PacketSender sender;
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile long handshakeDeadlineNanos;
    /** Set for the server role only; see ChangeCipherSpecGate. Used on the DTLS thread. */
    private ChangeCipherSpecGate gate;

    QueueDatagramTransport(int capacity, int mtu, DtlsStats stats, String peer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.mtu = mtu;
        this.stats = stats;
        this.peer = peer;
    }

    void attach(PacketSender sender) {
        this.sender = sender;
    }

    /** Starts the whole-handshake deadline; BC's own timeout only counts while it is waiting for a flight. */
    void armHandshakeDeadline(Duration timeout) {
        handshakeDeadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    void disarmHandshakeDeadline() {
        handshakeDeadlineNanos = 0;
        if (gate != null) {
            stats.changeCipherSpecWithheld.add(gate.withheld());
            gate = null;
        }
    }

    /** Called on the DTLS thread before a server handshake. */
    void gateChangeCipherSpec() {
        gate = new ChangeCipherSpecGate();
    }

    /** Called by the ICE layer's thread with a datagram whose first byte is 20..63. Copies, never blocks. */
    void offer(byte[] data, int off, int len) {
        if (!looksLikeDtlsRecord(data, off, len)) {
            stats.malformedDropped.increment();
            return;
        }
        if (closed) {
            return;
        }
        stats.datagramsIn.increment();
        if (!queue.offer(Arrays.copyOfRange(data, off, off + len))) {
            stats.queueOverflowDropped.increment();
        }
    }

    /**
     * A cheap sanity check before anything reaches BC: a DTLS record header with a known content type, a DTLS
     * version and a length that fits. Anything else cannot be DTLS and is counted, not queued.
     */
    static boolean looksLikeDtlsRecord(byte[] d, int off, int len) {
        if (d == null || len < RECORD_HEADER + 1 || len > MAX_DATAGRAM || off < 0 || off + len > d.length) {
            return false;
        }
        int type = d[off] & 0xFF;
        if (type < 20 || type > 25) {
            return false;
        }
        // Record versions on the wire are 0xFEFF (DTLS 1.0, also used for ClientHello and HelloVerifyRequest)
        // and 0xFEFD (DTLS 1.2; DTLS 1.3 keeps it as legacy_record_version). BC adopts the first version it reads,
        // so a stray record with any other version must not reach it.
        int version = ((d[off + 1] & 0xFF) << 8) | (d[off + 2] & 0xFF);
        if (version != 0xFEFF && version != 0xFEFD) {
            return false;
        }
        int recordLen = ((d[off + 11] & 0xFF) << 8) | (d[off + 12] & 0xFF);
        if (recordLen <= 0 || RECORD_HEADER + recordLen > len) {
            return false;
        }
        // Protected records (epoch > 0) carry at least the GCM explicit nonce and tag. BC answers a shorter one
        // with a fatal decode_error that would end the association, where it should be dropped (RFC 6347 §4.1.2.7).
        int epoch = ((d[off + 3] & 0xFF) << 8) | (d[off + 4] & 0xFF);
        return epoch == 0 || recordLen >= MIN_PROTECTED_RECORD;
    }

    void requestClose() {
        closing = true;
        queue.offer(WAKE); // if the queue is full the receiver wakes anyway
    }

    /** Datagrams waiting for the DTLS thread (tests use it to pace injected noise). */
    int pending() {
        return queue.size();
    }

    boolean isClosing() {
        return closing;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public int getReceiveLimit() {
        return MAX_DATAGRAM;
    }

    @Override
    public int getSendLimit() {
        return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        checkOpen();
        // BC passes 0 for "no limit"; waking once a second keeps the deadline and close checks responsive.
        long wait = waitMillis <= 0 ? 1000 : waitMillis;
        long deadline = handshakeDeadlineNanos;
        if (deadline != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TlsTimeoutException("did not finish in time");
            }
            wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        // Only a real timeout may return -1: BC answers -1 during a handshake by retransmitting its flight.
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
        while (true) {
            long left = waitUntil - System.nanoTime();
            byte[] d;
            try {
                d = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("DTLS thread for " + peer + " interrupted");
            }
            if (d == null) {
                return -1;
            }
            if (d == WAKE) {
                checkOpen();
                continue;
            }
            ChangeCipherSpecGate g = gate;
            if (g != null && handshakeDeadlineNanos != 0) {
                d = g.filter(d);
                if (d == null) {
                    continue;
                }
            }
            if (d.length > len) {
                stats.malformedDropped.increment();
                continue;
            }
            System.arraycopy(d, 0, buf, off, d.length);
            return d.length;
        }
    }

    private void checkOpen() throws InterruptedIOException {
        if (closing || closed) {
            throw new InterruptedIOException("DTLS transport to " + peer + " is closed");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        PacketSender s = sender;
        if (closed || s == null) {
            return;
        }
        try {
            s.send(buf, off, len);
            stats.datagramsOut.increment();
        } catch (IOException | RuntimeException e) {
            // Treated as loss: BC retransmits handshake flights, and a dead path ends in the handshake deadline.
            stats.sendFailures.increment();
            log.debug("DTLS send to {} failed: {}", peer, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        queue.offer(WAKE);
    }
}
