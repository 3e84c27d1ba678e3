package com.kvscamera.rtc.sdp;

import java.util.List;

/**
 * Which part of an offer a video-only sender answers, decided before any transport exists: the session layer
 * needs the remote ICE credentials and our DTLS role to create the transport whose credentials then go into
 * the answer. {@link AnswerBuilder} makes the same selection, so both always agree.
 *
 * @param video      the accepted m=video section: the first active one that can carry our H.264
 * @param mLineIndex its index in the offer (sdpMLineIndex of trickled candidates)
 * @param setup      our DTLS role; {@link DtlsSetup#isDtlsClient()} tells which side of BouncyCastle to run
 * @param trickle    the offerer accepts trickled candidates ({@link SessionDescription#canTrickleIce()})
 * @param bundle     the offer bundles the accepted mid, so the answer's BUNDLE group holds it
 * @param rtcpReducedSize the offer allows RFC 5506 reduced-size RTCP (the answer echoes a=rtcp-rsize)
 */
public record OfferSelection(MediaDescription video, int mLineIndex, H264Choice h264, RemoteTransport remote,
                             DtlsSetup setup, boolean trickle, boolean bundle, boolean rtcpReducedSize) {

    /** The accepted section's mid, or null for an offer without mids. */
    public String mid() {
        return video.mid();
    }

    /**
     * @param ourProfileLevelId the stream's 3 profile-level-id bytes
     * @param preferredSetup    our role when the offer says actpass
     * @throws SdpException for the first active video section's problem, naming its line, or line 0 when the
     *                      offer has no active video section
     */
    public static OfferSelection select(SessionDescription offer, byte[] ourProfileLevelId, DtlsSetup preferredSetup)
            throws SdpException {
        SdpException firstProblem = null;
        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            // port 0 means rejected, unless the section is bundle-only (RFC 8843 §7.2: it rides the tagged transport)
            if (!m.isVideo() || (m.port() == 0 && !m.has("bundle-only"))) continue;
            try {
                return check(offer, m, i, ourProfileLevelId, preferredSetup);
            } catch (SdpException e) {
                if (firstProblem == null) firstProblem = e;
            }
        }
        if (firstProblem != null) throw firstProblem;
        throw new SdpException(0, "offer has no active m=video section to answer (a camera sends video only)");
    }

    private static OfferSelection check(SessionDescription offer, MediaDescription m, int index, byte[] plid,
                                        DtlsSetup preferredSetup) throws SdpException {
        if (!m.proto().contains("RTP/SAVPF") && !m.proto().contains("RTP/SAVP")) {
            throw new SdpException(m.lineNumber(), "m=video proto must be UDP/TLS/RTP/SAVPF or RTP/SAVPF, got " + m.proto());
        }
        String dir = m.direction();
        if ("sendonly".equals(dir) || "inactive".equals(dir)) {
            throw new SdpException(m.lineNumber(), "m=video is a=" + dir + ": the offerer does not want to receive video");
        }
        // rtcp-mux and rtcp-rsize may sit in the BUNDLE-tagged section only, when m is bundle-only (RFC 8843 §7.1.3)
        if (offer.transportAttribute(m, "rtcp-mux") == null) {
            throw new SdpException(m.lineNumber(), "m=video has no a=rtcp-mux; RTP and RTCP on separate ports are not supported");
        }
        H264Choice h264 = H264Choice.choose(m, plid);
        RemoteTransport remote = offer.remoteTransport(m);
        SdpAttribute setupLine = offer.transportAttribute(m, "setup");
        DtlsSetup setup = DtlsSetup.answerFor(remote.setup(), preferredSetup,
                setupLine == null ? m.lineNumber() : setupLine.lineNumber());
        boolean bundle = m.mid() != null && offer.bundleMids().contains(m.mid());
        return new OfferSelection(m, index, h264, remote, setup, offer.canTrickleIce(), bundle,
                offer.transportAttribute(m, "rtcp-rsize") != null);
    }
}
