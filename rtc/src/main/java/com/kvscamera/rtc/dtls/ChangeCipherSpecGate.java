package com.kvscamera.rtc.dtls;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Works around a handshake stall in BC 1.84's DTLS server. BC switches its read epoch as soon as a
 * ChangeCipherSpec arrives once it holds the pending keys (after ClientKeyExchange); if the client's
 * CertificateVerify was lost but its CCS got through, every retransmitted CertificateVerify is then an
 * old-epoch record that BC discards, and the handshake can only time out. A browser usually packs its
 * whole final flight into one datagram, so this bites when the flight spans datagrams (small MTU, large
 * certificates, or BC as the client), and it did in our lossy-channel tests.
 *
 * <p>As server we therefore hand a CCS to BC only once the epoch-0 record just before it (record sequence
 * R-1, the last fragment of CertificateVerify in a WebRTC client's flight) has arrived, in this datagram or
 * an earlier one. A withheld CCS is dropped; the client retransmits the flight. After {@link #MAX_WITHHELD}
 * withheld CCS records the gate opens for good, so a peer that numbers its records in some way we did not
 * foresee costs a few retransmissions, never the handshake. Used on the DTLS thread only, during the handshake.
 */
final class ChangeCipherSpecGate {
    private static final int RECORD_HEADER = 13;
    private static final int CHANGE_CIPHER_SPEC = 20;
    /** Epoch-0 record numbers remembered; a handshake uses a few dozen, a bound keeps noise from growing it. */
    private static final int MAX_REMEMBERED = 512;
    static final int MAX_WITHHELD = 4;

    private final Set<Long> seenEpochZero = new LinkedHashSet<>();
    private long withheld;

    /** Returns the datagram to give BC: unchanged, without the withheld CCS record(s), or null if nothing is left. */
    byte[] filter(byte[] d) {
        if (withheld >= MAX_WITHHELD) {
            return d;
        }
        ByteArrayOutputStream out = null; // only allocated when a record is withheld
        int p = 0;
        while (p + RECORD_HEADER <= d.length) {
            int end = Math.min(d.length, p + RECORD_HEADER + (((d[p + 11] & 0xFF) << 8) | (d[p + 12] & 0xFF)));
            boolean withhold = false;
            if (epoch(d, p) == 0) {
                long seq = sequence(d, p);
                // records are remembered in order, so a predecessor earlier in the same datagram counts as seen
                withhold = (d[p] & 0xFF) == CHANGE_CIPHER_SPEC && !seenEpochZero.contains(seq - 1);
                remember(seq);
            }
            if (withhold) {
                withheld++;
                if (out == null) {
                    out = new ByteArrayOutputStream(d.length);
                    out.write(d, 0, p);
                }
            } else if (out != null) {
                out.write(d, p, end - p);
            }
            p = end;
        }
        if (out == null) {
            return d;
        }
        out.write(d, p, d.length - p);
        return out.size() == 0 ? null : out.toByteArray();
    }

    /** CCS records withheld so far. */
    long withheld() {
        return withheld;
    }

    private void remember(long seq) {
        if (seenEpochZero.add(seq) && seenEpochZero.size() > MAX_REMEMBERED) {
            var it = seenEpochZero.iterator();
            it.next();
            it.remove();
        }
    }

    private static int epoch(byte[] d, int p) {
        return ((d[p + 3] & 0xFF) << 8) | (d[p + 4] & 0xFF);
    }

    private static long sequence(byte[] d, int p) {
        long seq = 0;
        for (int i = 5; i < 11; i++) {
            seq = (seq << 8) | (d[p + i] & 0xFF);
        }
        return seq;
    }
}
