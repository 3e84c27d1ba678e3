package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the answer of a video-only passthrough sender (RFC 3264, RFC 8829 shape as libwebrtc accepts it):
 * every offered m-line is kept in order; the first usable video m-line is answered {@code sendonly} with one
 * H.264 payload type; every other m-line (audio, data channel, extra video) is rejected with port 0 and
 * {@code a=inactive}, keeping its {@code c=} line because Firefox's parser needs it and echoing its mid.
 *
 * <p>One builder per viewer; it holds no mutable state.
 */
public final class AnswerBuilder {
    private static final String CRLF = "\r\n";

    private final LocalTransport transport;
    private final LocalVideoTrack track;
    private final long sessionId;

    /** @param sessionId the o= session id: a random positive number per answer (RFC 8866 §5.2) */
    public AnswerBuilder(LocalTransport transport, LocalVideoTrack track, long sessionId) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.track = Objects.requireNonNull(track, "track");
        if (sessionId < 0) throw new IllegalArgumentException("sessionId must be >= 0");
        this.sessionId = sessionId;
    }

    /** The selection {@link #build} and {@link #buildWithinLimit} answer; see {@link OfferSelection}. */
    public OfferSelection select(SessionDescription offer) throws SdpException {
        return OfferSelection.select(offer, track.profileLevelId(), transport.preferredSetup());
    }

    /**
     * Builds an answer.
     *
     * @param candidates our candidates to include (may be empty for an immediate trickle answer)
     * @param complete   gathering is finished: add {@code a=end-of-candidates} (RFC 8840)
     * @throws SdpException naming the offending line when the offer cannot be answered
     */
    public Answer build(SessionDescription offer, List<SdpCandidate> candidates, boolean complete) throws SdpException {
        OfferSelection acc = select(offer);
        String sdp = render(offer, acc, candidates, complete);
        return new Answer(sdp, acc.mid(), acc.mLineIndex(), acc.h264(), acc.setup(), acc.trickle(), acc.remote(),
                List.copyOf(candidates), List.of(), SessionDescriptionJson.base64JsonLength("answer", sdp));
    }

    /**
     * Builds a complete answer (with {@code a=end-of-candidates}) whose base64 JSON payload is at most
     * {@code maxPayloadLength} characters, dropping candidates by the {@link CandidateTrimmer} steps in order and
     * then lowest-priority ones, only as far as needed.
     *
     * @throws SdpException when even a single candidate does not fit
     */
    public Answer buildWithinLimit(SessionDescription offer, List<SdpCandidate> candidates, int maxPayloadLength)
            throws SdpException {
        OfferSelection acc = select(offer);
        List<SdpCandidate> kept = List.copyOf(candidates);
        String sdp = render(offer, acc, kept, true);
        int length = SessionDescriptionJson.base64JsonLength("answer", sdp);
        for (CandidateTrimmer step : CandidateTrimmer.values()) {
            if (length <= maxPayloadLength) break;
            kept = step.apply(kept);
            sdp = render(offer, acc, kept, true);
            length = SessionDescriptionJson.base64JsonLength("answer", sdp);
        }
        while (length > maxPayloadLength && kept.size() > 1) {
            kept = CandidateTrimmer.dropLowestPriority(kept);
            sdp = render(offer, acc, kept, true);
            length = SessionDescriptionJson.base64JsonLength("answer", sdp);
        }
        if (length > maxPayloadLength) {
            throw new SdpException(0, "answer payload is " + length + " characters with " + kept.size()
                    + " candidate(s), above the limit of " + maxPayloadLength);
        }
        List<SdpCandidate> dropped = new ArrayList<>(candidates);
        dropped.removeAll(kept);
        return new Answer(sdp, acc.mid(), acc.mLineIndex(), acc.h264(), acc.setup(), acc.trickle(), acc.remote(),
                kept, List.copyOf(dropped), length);
    }

    private String render(SessionDescription offer, OfferSelection acc, List<SdpCandidate> candidates, boolean complete) {
        StringBuilder sb = new StringBuilder(2048);
        line(sb, "v=0");
        line(sb, "o=- " + sessionId + " 2 IN IP4 127.0.0.1");
        line(sb, "s=-");
        line(sb, "t=0 0");
        if (acc.bundle()) line(sb, "a=group:BUNDLE " + acc.mid());
        // RFC 8840 puts ice-options at session level; the KVS C SDK looks at both levels
        if (offer.canTrickleIce()) line(sb, "a=ice-options:trickle");
        line(sb, "a=msid-semantic: WMS " + track.streamId());
        for (MediaDescription m : offer.media()) {
            if (m == acc.video()) video(sb, acc, candidates, complete);
            else rejected(sb, m);
        }
        return sb.toString();
    }

    private void video(StringBuilder sb, OfferSelection acc, List<SdpCandidate> candidates, boolean complete) {
        MediaDescription m = acc.video();
        int pt = acc.h264().payloadType();
        line(sb, "m=video 9 " + m.proto() + " " + pt);
        line(sb, "c=IN IP4 0.0.0.0");
        line(sb, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sb, "a=ice-ufrag:" + transport.iceUfrag());
        line(sb, "a=ice-pwd:" + transport.icePwd());
        line(sb, "a=fingerprint:" + transport.fingerprint().toSdpValue());
        line(sb, "a=setup:" + acc.setup().sdpValue());
        if (m.mid() != null) line(sb, "a=mid:" + m.mid());
        line(sb, "a=sendonly");
        line(sb, "a=rtcp-mux");
        if (acc.rtcpReducedSize()) line(sb, "a=rtcp-rsize");
        line(sb, "a=rtpmap:" + pt + " H264/90000");
        for (String fb : acc.h264().rtcpFeedback()) line(sb, "a=rtcp-fb:" + pt + " " + fb);
        line(sb, "a=fmtp:" + pt + " " + acc.h264().answerFmtp());
        line(sb, "a=msid:" + track.streamId() + " " + track.trackId());
        line(sb, "a=ssrc:" + track.ssrcText() + " cname:" + track.cname());
        line(sb, "a=ssrc:" + track.ssrcText() + " msid:" + track.streamId() + " " + track.trackId());
        for (SdpCandidate c : candidates) {
            // rtcp-mux is required, so component 2 candidates would only confuse older stacks
            if (c.component() == 1) line(sb, "a=candidate:" + c.toSdpValue());
        }
        if (complete) line(sb, "a=end-of-candidates");
    }

    private static void rejected(StringBuilder sb, MediaDescription m) {
        String fmt = m.formats().isEmpty() ? "0" : m.formats().get(0);
        line(sb, "m=" + m.type() + " 0 " + m.proto() + " " + fmt);
        line(sb, "c=IN IP4 0.0.0.0");
        if (m.mid() != null) line(sb, "a=mid:" + m.mid());
        line(sb, "a=inactive");
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append(CRLF);
    }
}
