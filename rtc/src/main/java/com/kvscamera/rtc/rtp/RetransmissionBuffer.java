package com.kvscamera.rtc.rtp;

/**
 * The last {@code capacity} packets sent on one stream, indexed by RTP sequence number, for answering
 * generic NACKs (RFC 4585 §6.2.1).
 *
 * <p><b>What is stored:</b> the packet exactly as it went on the wire, i.e. the SRTP-protected bytes. Answering a
 * NACK resends the identical packet. That is correct without RTX: the receiver's SRTP replay window never saw
 * the lost original, so the same (sequence, ROC) is accepted once, and no re-encryption or RTX payload type
 * has to be negotiated. The RTP header is not encrypted by SRTP, so the sequence number is read from the bytes.
 *
 * <p>Slots are allocated lazily at {@code maxPacketSize} and then reused, so a busy stream costs about
 * capacity x maxPacketSize bytes (512 x 1500 = 750 KB) and no garbage per packet. Methods are synchronized:
 * the sender stores on the media thread while NACKs are answered from the RTCP receive path; the lock is
 * uncontended in practice and held only for one array copy.
 */
public final class RetransmissionBuffer {
    public static final int DEFAULT_CAPACITY = 512;
    public static final int DEFAULT_MAX_PACKET = 1500;

    private final int mask;
    private final int maxPacketSize;
    private final byte[][] slots;
    private final int[] lengths;
    private final int[] sequences;
    private long stored;
    private long hits;
    private long misses;
    private long tooLarge;

    public RetransmissionBuffer() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_PACKET);
    }

    /** @param capacity a power of two between 16 and 32768 */
    public RetransmissionBuffer(int capacity, int maxPacketSize) {
        if (capacity < 16 || capacity > 32768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two within 16..32768, got " + capacity);
        }
        if (maxPacketSize < RtpHeader.FIXED_LENGTH) {
            throw new IllegalArgumentException("maxPacketSize too small: " + maxPacketSize);
        }
        this.mask = capacity - 1;
        this.maxPacketSize = maxPacketSize;
        this.slots = new byte[capacity][];
        this.lengths = new int[capacity];
        this.sequences = new int[capacity];
    }

    /**
     * Remembers a sent packet (its RTP sequence number is read from its header). Packets larger than
     * {@code maxPacketSize} or without a valid RTP header are counted and not stored.
     */
    public synchronized void store(byte[] packet, int off, int len) {
        if (len < RtpHeader.FIXED_LENGTH || len > maxPacketSize || RtpHeader.version(packet, off) != RtpHeader.VERSION) {
            tooLarge++;
            return;
        }
        int seq = RtpHeader.sequence(packet, off);
        int i = seq & mask;
        if (slots[i] == null) slots[i] = new byte[maxPacketSize];
        System.arraycopy(packet, off, slots[i], 0, len);
        lengths[i] = len;
        sequences[i] = seq;
        stored++;
    }

    /**
     * Copies the stored packet with sequence number {@code seq} into {@code out} at {@code off}.
     *
     * @return its length, or -1 when it is no longer (or never was) in the buffer
     */
    public synchronized int copy(int seq, byte[] out, int off) {
        int i = seq & mask;
        if (lengths[i] == 0 || sequences[i] != (seq & 0xFFFF)) {
            misses++;
            return -1;
        }
        if (out.length - off < lengths[i]) {
            throw new IllegalArgumentException("buffer too small for stored packet of " + lengths[i] + " bytes");
        }
        System.arraycopy(slots[i], 0, out, off, lengths[i]);
        hits++;
        return lengths[i];
    }

    public synchronized void clear() {
        java.util.Arrays.fill(lengths, 0);
    }

    public int capacity() {
        return mask + 1;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    public synchronized long storedCount() {
        return stored;
    }

    /** NACKed packets found and copied. */
    public synchronized long hitCount() {
        return hits;
    }

    /** NACKed packets already overwritten (or never sent). */
    public synchronized long missCount() {
        return misses;
    }

    /** Packets refused by {@link #store} (too large or not RTP). */
    public synchronized long rejectedCount() {
        return tooLarge;
    }
}
