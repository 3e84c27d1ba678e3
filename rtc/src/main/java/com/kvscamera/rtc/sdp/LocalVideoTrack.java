package com.kvscamera.rtc.sdp;

import java.util.Objects;

/**
 * The video we send to one viewer, as the answer announces it.
 *
 * @param ssrc           the viewer's random SSRC (also used by the RTP writer)
 * @param cname          RTCP CNAME, also sent in SDES
 * @param streamId       msid stream id: what the browser reports as {@code event.streams[0].id}
 * @param trackId        msid track id
 * @param profileLevelId the stream's 3 profile-level-id bytes from its SPS
 */
public record LocalVideoTrack(int ssrc, String cname, String streamId, String trackId, byte[] profileLevelId) {

    public LocalVideoTrack {
        Objects.requireNonNull(profileLevelId, "profileLevelId");
        if (profileLevelId.length != 3) throw new IllegalArgumentException("profileLevelId must be 3 bytes");
        profileLevelId = profileLevelId.clone();
        // msid ids are RFC 8830 tokens; we also keep CNAME to a token so it needs no escaping anywhere
        for (String[] f : new String[][] {{"cname", cname}, {"streamId", streamId}, {"trackId", trackId}}) {
            if (f[1] == null || !f[1].matches("[A-Za-z0-9!#$%&'*+.^_`{|}~-]{1,64}")) {
                throw new IllegalArgumentException(f[0] + " must be 1..64 token characters, got '" + f[1] + "'");
            }
        }
    }

    @Override
    public byte[] profileLevelId() {
        return profileLevelId.clone();
    }

    /** SSRC as the unsigned decimal written in SDP. */
    public String ssrcText() {
        return Integer.toUnsignedString(ssrc);
    }
}
