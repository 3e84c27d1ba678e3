package com.kvscamera.agent.session;

import java.util.List;

/**
 * One H.264 access unit as a viewer receives it: NAL units without start codes (SPS/PPS already in front of
 * an IDR) and the 90 kHz timestamp the fan-out rewrote for this viewer.
 */
public record VideoFrame(List<byte[]> nalUnits, long rtpTimestamp, boolean keyframe) {
    public int size() {
        int n = 0;
        for (byte[] nal : nalUnits) n += nal.length;
        return n;
    }
}
