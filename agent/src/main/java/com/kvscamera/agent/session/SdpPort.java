package com.kvscamera.agent.session;

import java.util.List;

/** Reads offers and writes answers; {@link RtcSdp} adapts the rtc module's SDP parser and answer builder. */
public interface SdpPort {
    /**
     * Picks the section the answer will accept, by the same rules as the answer itself (so the transport, the
     * trickled candidates' mid/m-line index and the answer always agree).
     *
     * @param profileLevelId the stream's H.264 profile-level-id; {@link #answer} must be given the same one
     * @throws IllegalArgumentException with a reason a log line can quote when the offer is unusable
     */
    ParsedOffer parse(String offerSdp, String profileLevelId);

    /** {@link #parse(String, String)} for a constrained baseline 3.1 stream, which any H.264 receiver decodes. */
    default ParsedOffer parse(String offerSdp) {
        return parse(offerSdp, SessionSettings.DEFAULT_PROFILE_LEVEL_ID);
    }

    /**
     * @param profileLevelId the stream's H.264 profile-level-id (selects the offered payload type)
     * @param candidates     local candidates to put in the answer (complete answers only)
     * @param complete       true for a non-trickle answer: candidates + end-of-candidates, no ice-options:trickle
     */
    Answer answer(ParsedOffer offer, String profileLevelId, LocalDescription local, List<String> candidates,
                  boolean complete);

    /**
     * What a session needs from an offer. {@code parsed} is the SDP library's own object, kept for the answer.
     *
     * @param dtlsServer true when we answer {@code a=setup:passive} (we are the DTLS server)
     */
    record ParsedOffer(boolean trickle, String iceUfrag, String icePwd, String fingerprint, boolean dtlsServer,
                       List<String> candidates, String videoMid, int videoMLineIndex, Object parsed) {}

    record LocalDescription(String iceUfrag, String icePwd, String fingerprint, long ssrc, String cname,
                            String streamId, String trackId) {}

    record Answer(String sdp, int payloadType) {}
}
