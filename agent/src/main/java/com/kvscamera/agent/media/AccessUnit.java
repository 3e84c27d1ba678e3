package com.kvscamera.agent.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One coded picture: its NAL units (no start codes, no AUD), in decoding order, with a 90 kHz timestamp.
 *
 * <p>Immutable and shared by every viewer without copying. The NAL bytes are held privately; {@link #nals()} hands
 * out fresh read-only views on every call, so viewers on different threads never share a buffer position.
 *
 * @param timestamp90k 90 kHz ticks on an arbitrary origin: only differences matter, and any long is valid (the RTP
 *                     layer adds its random base and keeps the low 32 bits)
 * @param keyframe     the picture is an IDR; the assembler guarantees SPS and PPS precede it in {@code nals}
 * @param memo         what viewers derive from the NAL bytes, computed once ({@link #derive}); not part of the
 *                     value (every memo equals every other), shared by {@link #withTimestamp} copies
 */
public record AccessUnit(long timestamp90k, boolean keyframe, List<ByteBuffer> nals, Memo memo) {

    public AccessUnit(long timestamp90k, boolean keyframe, List<ByteBuffer> nals) {
        this(timestamp90k, keyframe, nals, new Memo());
    }

    public AccessUnit {
        if (memo == null) memo = new Memo();
        if (nals.isEmpty()) {
            throw new IllegalArgumentException("an access unit needs at least one NAL unit");
        }
        List<ByteBuffer> views = new ArrayList<>(nals.size());
        for (ByteBuffer b : nals) {
            if (!b.hasRemaining()) {
                throw new IllegalArgumentException("empty NAL unit in access unit");
            }
            views.add(b.asReadOnlyBuffer().slice());
        }
        nals = List.copyOf(views);
    }

    /** Builds an access unit around NAL arrays that the caller hands over and never modifies again. */
    public static AccessUnit of(long timestamp90k, boolean keyframe, List<byte[]> nals) {
        List<ByteBuffer> wrapped = new ArrayList<>(nals.size());
        for (byte[] nal : nals) {
            wrapped.add(ByteBuffer.wrap(nal));
        }
        return new AccessUnit(timestamp90k, keyframe, wrapped);
    }

    /** Independent read-only views of the NAL units, positioned at 0; reading them does not disturb other viewers. */
    @Override
    public List<ByteBuffer> nals() {
        List<ByteBuffer> out = new ArrayList<>(nals.size());
        for (ByteBuffer b : nals) {
            out.add(b.duplicate());
        }
        return out;
    }

    public int nalCount() {
        return nals.size();
    }

    /** NAL unit type (low five bits of the header) of the i-th NAL unit. */
    public int nalType(int i) {
        return nals.get(i).get(0) & 0x1f;
    }

    /** A copy of the i-th NAL unit's bytes (for tests and SPS parsing; the send path uses {@link #nals()}). */
    public byte[] nalBytes(int i) {
        ByteBuffer b = nals.get(i).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Sum of NAL unit sizes, without start codes. */
    public int byteSize() {
        int n = 0;
        for (ByteBuffer b : nals) {
            n += b.remaining();
        }
        return n;
    }

    /** The same picture at another time; the NAL bytes are shared, not copied. */
    public AccessUnit withTimestamp(long newTimestamp90k) {
        return new AccessUnit(newTimestamp90k, keyframe, nals, memo);
    }

    /**
     * A value computed from the NAL bytes by the first caller and handed to every later one (every viewer of
     * this picture, also through {@link #withTimestamp} copies): the RTP payloads, so a picture is packetized once
     * rather than once per viewer. One value is kept; a different {@code key} (another packetizer budget)
     * replaces it. Thread-safe: concurrent callers with the same key wait for the one computation.
     *
     * @param key     what the value depends on besides the NAL bytes (equals/hashCode must say so)
     * @param compute must not modify the access unit's bytes, and its result must be immutable
     */
    public <T> T derive(Object key, Function<AccessUnit, T> compute) {
        return memo.get(key, this, compute);
    }

    /** Holder of {@link #derive}'s value; a cache, so it never makes two access units unequal. */
    public static final class Memo {
        private volatile Object[] entry; // {key, value}, replaced whole

        @SuppressWarnings("unchecked")
        private <T> T get(Object key, AccessUnit au, Function<AccessUnit, T> compute) {
            Object[] e = entry;
            if (e != null && e[0].equals(key)) return (T) e[1];
            synchronized (this) {
                e = entry;
                if (e != null && e[0].equals(key)) return (T) e[1];
                T value = compute.apply(au);
                entry = new Object[] {key, value};
                return value;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Memo;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "Memo";
        }
    }

    @Override
    public String toString() {
        StringBuilder types = new StringBuilder();
        for (int i = 0; i < nals.size(); i++) {
            types.append(i == 0 ? "" : ",").append(nalType(i));
        }
        return "AccessUnit[ts=" + timestamp90k + (keyframe ? ", key" : "") + ", nals=" + types + ", "
                + byteSize() + " B]";
    }
}
