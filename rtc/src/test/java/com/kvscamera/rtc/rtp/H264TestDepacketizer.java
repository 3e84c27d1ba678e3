package com.kvscamera.rtc.rtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An independent RFC 6184 mode-1 depacketizer, written from the RFC for the round-trip tests. */
final class H264TestDepacketizer {
    private final List<byte[]> nals = new ArrayList<>();
    private ByteArrayOutputStream fu;

    /** Feeds one RTP payload; returns true when it carried the marker (end of access unit). */
    void accept(byte[] p, boolean marker) {
        int type = p[0] & 0x1F;
        if (type >= 1 && type <= 23) {
            nals.add(p.clone());
        } else if (type == 24) {
            int i = 1;
            while (i < p.length) {
                int len = ((p[i] & 0xFF) << 8) | (p[i + 1] & 0xFF);
                nals.add(Arrays.copyOfRange(p, i + 2, i + 2 + len));
                i += 2 + len;
            }
            if (i != p.length) throw new AssertionError("STAP-A overrun");
        } else if (type == 28) {
            boolean start = (p[1] & 0x80) != 0;
            boolean end = (p[1] & 0x40) != 0;
            if (start) {
                if (fu != null) throw new AssertionError("FU-A start inside an open fragment");
                fu = new ByteArrayOutputStream();
                fu.write((p[0] & 0xE0) | (p[1] & 0x1F));
            } else if (fu == null) {
                throw new AssertionError("FU-A continuation without start");
            }
            if (start && end) throw new AssertionError("FU-A with both S and E");
            fu.write(p, 2, p.length - 2);
            if (end) {
                nals.add(fu.toByteArray());
                fu = null;
            }
        } else {
            throw new AssertionError("unexpected NAL type " + type);
        }
        if (marker && fu != null) throw new AssertionError("marker inside an FU-A");
    }

    List<byte[]> take() {
        List<byte[]> out = new ArrayList<>(nals);
        nals.clear();
        return out;
    }
}
