package com.kvscamera.agent.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits an H.264 Annex B byte stream into NAL units (without start codes or trailing zero bytes).
 *
 * <p>Reads in bulk into one buffer and scans it with plain array indexing, so there is no per-byte call on the hot
 * path; a start code split across two reads is found because scanning stops two bytes short of the data read so far.
 * Bytes before the first start code are discarded. A NAL unit longer than {@code maxNalSize} is an error rather than
 * unbounded buffering of a stream that is not Annex B.
 *
 * <p>With a {@link Ticker}, each NAL unit also carries the time the read holding its start code returned
 * ({@link #arrivalNanos()}). That is when its picture arrived; the NAL itself is only complete once the next start
 * code is read, which for the last NAL of a picture is a whole frame later.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class AnnexBReader {
    /** Larger than any I-frame slice a Pi encoder writes at 1080p (about 1 MB at the highest bitrates). */
    public static final int DEFAULT_MAX_NAL_SIZE = 4 * 1024 * 1024;
    private static final int READ_SIZE = 64 * 1024;

    private final InputStream in;
    private final int maxNalSize;
    private final Ticker ticker;
    private byte[] buf = new byte[2 * READ_SIZE];
    private int nalStart = -1; // index of the current NAL's first byte, -1 before the first start code
    private int scan;          // next index to test for a start code
    private int end;           // bytes valid in buf
    private boolean eof;
    private long bytesRead;
    private long discarded;
    private long lastReadNanos;
    private long currentNalNanos;
    private long returnedNalNanos;

    public AnnexBReader(InputStream in) {
        this(in, DEFAULT_MAX_NAL_SIZE, () -> 0L);
    }

    public AnnexBReader(InputStream in, int maxNalSize) {
        this(in, maxNalSize, () -> 0L);
    }

    public AnnexBReader(InputStream in, int maxNalSize, Ticker ticker) {
        this.in = Objects.requireNonNull(in, "in");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        if (maxNalSize < 16) {
            throw new IllegalArgumentException("maxNalSize must be at least 16 bytes, got " + maxNalSize);
        }
        this.maxNalSize = maxNalSize;
    }

    /** When the read holding the start code of the NAL unit last returned by {@link #next()} completed. */
    public long arrivalNanos() {
        return returnedNalNanos;
    }

    /** Total bytes read from the stream so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Bytes before the first start code, which cannot belong to any NAL unit. */
    public long discardedBytes() {
        return discarded;
    }

    /**
     * Returns the next NAL unit, or null at end of stream.
     *
     * @throws StreamFormatException if a NAL unit exceeds the size limit
     */
    public byte[] next() throws IOException {
        while (true) {
            byte[] b = buf;
            int i = scan;
            int last = end - 2;
            // Look at the third byte first: anything above 1 cannot end a start code, so skip three bytes at once.
            while (i < last) {
                int b2 = b[i + 2];
                if (b2 > 1 || b2 < 0) {
                    i += 3;
                } else if (b2 == 1 && b[i + 1] == 0 && b[i] == 0) {
                    break;
                } else {
                    i++;
                }
            }
            if (i < last) {
                int startCodeEnd = i + 3;
                byte[] nal = nalStart < 0 ? null : copyTrimmed(nalStart, i);
                if (nalStart < 0) {
                    discarded += i;
                }
                returnedNalNanos = currentNalNanos;
                currentNalNanos = lastReadNanos;
                nalStart = startCodeEnd;
                scan = startCodeEnd;
                if (nal != null) {
                    return nal;
                }
                continue;
            }
            scan = Math.max(scan, last);
            if (eof) {
                if (nalStart < 0) {
                    discarded += end;
                    end = 0;
                    scan = 0;
                    return null;
                }
                byte[] nal = copyTrimmed(nalStart, end);
                returnedNalNanos = currentNalNanos;
                nalStart = -1;
                end = 0;
                scan = 0;
                return nal;
            }
            fill();
        }
    }

    private byte[] copyTrimmed(int from, int to) {
        while (to > from && buf[to - 1] == 0) {
            to--; // trailing_zero_8bits and the first zero of a four-byte start code
        }
        return to > from ? Arrays.copyOfRange(buf, from, to) : null;
    }

    /** Makes room (compacting or growing within the NAL size limit) and reads more bytes. */
    private void fill() throws IOException {
        int keepFrom = nalStart < 0 ? Math.max(0, end - 2) : nalStart;
        if (nalStart < 0) {
            discarded += keepFrom;
        }
        int pending = end - keepFrom;
        if (pending > maxNalSize) {
            throw new StreamFormatException("NAL unit larger than the " + maxNalSize
                    + "-byte limit (AnnexBReader maxNalSize): is the capture command writing H.264 Annex B to stdout?");
        }
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, pending);
            if (nalStart >= 0) {
                nalStart -= keepFrom;
            }
            scan -= keepFrom;
            end = pending;
        }
        if (buf.length - end < READ_SIZE) {
            long want = Math.min((long) maxNalSize + READ_SIZE + 4, Math.max(2L * buf.length, end + (long) READ_SIZE));
            buf = Arrays.copyOf(buf, (int) want);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
            bytesRead += n;
            lastReadNanos = ticker.nanoTime();
        }
    }
}
