package com.kvscamera.agent.media;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The parts of an H.264 sequence parameter set the agent uses: the SDP profile-level-id and the picture size.
 *
 * @param constraintFlags the whole constraint_set0..5 byte as it appears in the SPS (e.g. 0xc0)
 * @param frameRate       from the VUI timing info when the encoder wrote it (time_scale / 2 / num_units_in_tick)
 */
public record Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int chromaFormatIdc,
                  int width, int height, boolean frameMbsOnly, OptionalDouble frameRate) {

    /** profile-level-id for SDP fmtp: the three bytes after the NAL header, lower-case hex, e.g. "42c01f". */
    public String profileLevelId() {
        return String.format(Locale.ROOT, "%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
    }

    /** True for baseline with constraint_set1 (Constrained Baseline), which is what Alexa and the KVS SDK expect. */
    public boolean constrainedBaseline() {
        return profileIdc == 66 && (constraintFlags & 0x40) != 0;
    }
}
