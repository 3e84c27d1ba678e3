package com.kvscamera.rtc.sdp;

import java.util.List;

/**
 * A built answer and the decisions the session layer must act on.
 *
 * @param sdp                the answer SDP, CRLF line endings
 * @param videoMid           mid of the accepted video m-section (null if the offer has no mids)
 * @param videoMLineIndex    index of that m-section in the offer (the sdpMLineIndex for trickled candidates)
 * @param h264               payload type, fmtp and feedback chosen
 * @param setup              our DTLS role: {@link DtlsSetup#ACTIVE} = we are the DTLS client
 * @param trickle            the offerer accepts trickled candidates (a=ice-options:trickle was offered)
 * @param remote             the offerer's ICE credentials, fingerprint and candidates for the accepted section
 * @param candidates         our candidates written into the answer
 * @param droppedCandidates  candidates left out to respect the payload limit
 * @param payloadLength      length of base64({"type":"answer","sdp":...}), see {@link SessionDescriptionJson}
 */
public record Answer(String sdp, String videoMid, int videoMLineIndex, H264Choice h264, DtlsSetup setup,
                     boolean trickle, RemoteTransport remote, List<SdpCandidate> candidates,
                     List<SdpCandidate> droppedCandidates, int payloadLength) {
}
