package com.kvscamera.agent.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers to cut streams into NAL units and access units in tests. */
final class StreamUtil {
    private StreamUtil() {}

    static List<byte[]> nals(byte[] stream) throws IOException {
        AnnexBReader r = new AnnexBReader(new ByteArrayInputStream(stream));
        List<byte[]> out = new ArrayList<>();
        for (byte[] n; (n = r.next()) != null; ) {
            out.add(n);
        }
        return out;
    }

    static byte[] join(List<byte[]> nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(1);
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    /** Assembles a whole stream with a fake clock advancing 1/30 s per picture. */
    static List<AccessUnit> accessUnits(byte[] stream) throws IOException {
        FakeTicker ticker = new FakeTicker();
        List<AccessUnit> aus = new ArrayList<>();
        AccessUnitAssembler a = new AccessUnitAssembler(new MediaClock(ticker), au -> {
            aus.add(au);
            ticker.advanceNanos(33_333_333);
        });
        for (byte[] n : nals(stream)) {
            a.push(n);
        }
        a.flush();
        return aus;
    }

    /** An InputStream that returns at most a random number (1..maxChunk) of bytes per read. */
    static InputStream chunked(byte[] data, long seed, int maxChunk) {
        Random rnd = new Random(seed);
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(maxChunk)));
            }
        };
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    static byte[] unhex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
