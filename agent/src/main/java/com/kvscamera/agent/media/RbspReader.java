package com.kvscamera.agent.media;

/**
 * Reads bits, Exp-Golomb codes included, straight from an escaped NAL unit, dropping emulation-prevention bytes
 * (00 00 03) as it goes. Reading in place, instead of unescaping a copy first, keeps slice-header parsing free of
 * copies of the (large) slice data: only the first few bytes are ever touched.
 */
final class RbspReader {
    private final byte[] data;
    private final int limit;
    private final String what;
    private int pos;
    private int zeros;
    private int current;
    private int bitsLeft;

    /** @param what names the structure being read, for error messages (e.g. "SPS") */
    RbspReader(byte[] data, int offset, int limit, String what) {
        this.data = data;
        this.pos = offset;
        this.limit = limit;
        this.what = what;
    }

    private void load() throws StreamFormatException {
        if (pos >= limit) {
            throw new StreamFormatException(what + " is truncated (ran out of bits while parsing)");
        }
        int b = data[pos++] & 0xff;
        if (zeros >= 2 && b == 3) {
            zeros = 0;
            if (pos >= limit) {
                throw new StreamFormatException(what + " is truncated (ends in an emulation-prevention byte)");
            }
            b = data[pos++] & 0xff;
        }
        zeros = b == 0 ? zeros + 1 : 0;
        current = b;
        bitsLeft = 8;
    }

    boolean flag() throws StreamFormatException {
        return bit() == 1;
    }

    int bit() throws StreamFormatException {
        if (bitsLeft == 0) {
            load();
        }
        bitsLeft--;
        return (current >> bitsLeft) & 1;
    }

    /** Reads n (0..32) bits as an unsigned value. */
    long bits(int n) throws StreamFormatException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    int u8() throws StreamFormatException {
        return (int) bits(8);
    }

    /** ue(v), limited to 31 leading zeros (values up to 2^31-2), which covers every syntax element we read. */
    int ue() throws StreamFormatException {
        int leadingZeros = 0;
        while (bit() == 0) {
            if (++leadingZeros > 31) {
                throw new StreamFormatException(what + " has an Exp-Golomb code longer than 32 bits");
            }
        }
        long v = (1L << leadingZeros) - 1 + bits(leadingZeros);
        if (v > Integer.MAX_VALUE) {
            throw new StreamFormatException(what + " has an Exp-Golomb value out of range");
        }
        return (int) v;
    }

    /** se(v). */
    int se() throws StreamFormatException {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
