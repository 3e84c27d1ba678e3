package com.kvscamera.agent.session;

import java.util.List;

/** Reads offers and writes answers; {@link RtcSdp} adapts the rtc module's SDP parser and answer builder. */
public interface SdpPort {
    /** @throws IllegalArgumentException with a reason a log line can quote when the offer is unusable */
    ParsedOffer parse(String offerSdp);

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
