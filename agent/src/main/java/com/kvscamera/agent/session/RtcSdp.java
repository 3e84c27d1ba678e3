package com.kvscamera.agent.session;

import com.kvscamera.rtc.sdp.AnswerBuilder;
import com.kvscamera.rtc.sdp.DtlsSetup;
import com.kvscamera.rtc.sdp.Fingerprint;
import com.kvscamera.rtc.sdp.H264Profile;
import com.kvscamera.rtc.sdp.LocalTransport;
import com.kvscamera.rtc.sdp.LocalVideoTrack;
import com.kvscamera.rtc.sdp.OfferSelection;
import com.kvscamera.rtc.sdp.RemoteTransport;
import com.kvscamera.rtc.sdp.SdpCandidate;
import com.kvscamera.rtc.sdp.SdpException;
import com.kvscamera.rtc.sdp.SdpParser;
import com.kvscamera.rtc.sdp.SessionDescription;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** {@link SdpPort} on the rtc module's SDP parser and answer builder. */
public final class RtcSdp implements SdpPort {
    /** KVS rejects signaling payloads (base64 of the JSON answer) longer than this (kvs-signaling.md §4.5). */
    public static final int MAX_PAYLOAD = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DtlsSetup preferredSetup;

    /** @param preferredSetup our role when the offer says actpass (see {@link DtlsSetup} for the default) */
    public RtcSdp(DtlsSetup preferredSetup) {
        this.preferredSetup = preferredSetup;
    }

    @Override
    public ParsedOffer parse(String offerSdp, String profileLevelId) {
        byte[] plid = profileLevel(profileLevelId);
        SessionDescription offer;
        try {
            offer = SdpParser.parse(offerSdp);
        } catch (SdpException e) {
            throw new IllegalArgumentException("malformed SDP: " + e.getMessage(), e);
        }
        try {
            // the very selection AnswerBuilder makes, needed before the answer exists because the transport is
            // created first (its ICE credentials go into the answer)
            OfferSelection sel = OfferSelection.select(offer, plid, preferredSetup);
            RemoteTransport remote = sel.remote();
            List<String> candidates = new ArrayList<>();
            for (SdpCandidate c : remote.candidates()) candidates.add(c.toTrickleString());
            return new ParsedOffer(sel.trickle(), remote.iceUfrag(), remote.icePwd(),
                    remote.fingerprint().toSdpValue(), !sel.setup().isDtlsClient(), candidates, sel.mid(),
                    sel.mLineIndex(), offer);
        } catch (SdpException e) {
            throw new IllegalArgumentException("offer cannot be answered: " + e.getMessage(), e);
        }
    }

    @Override
    public SdpPort.Answer answer(ParsedOffer offer, String profileLevelId, LocalDescription local,
                                 List<String> candidates, boolean complete) {
        byte[] plid = profileLevel(profileLevelId);
        try {
            LocalTransport transport = new LocalTransport(local.iceUfrag(), local.icePwd(),
                    Fingerprint.parse(local.fingerprint(), 0), preferredSetup);
            LocalVideoTrack track = new LocalVideoTrack((int) local.ssrc(), local.cname(), local.streamId(),
                    local.trackId(), plid);
            AnswerBuilder builder = new AnswerBuilder(transport, track, RANDOM.nextLong() & Long.MAX_VALUE);
            SessionDescription parsed = (SessionDescription) offer.parsed();
            com.kvscamera.rtc.sdp.Answer a; // SdpPort.Answer is the session's own, smaller view
            if (complete) {
                List<SdpCandidate> ours = new ArrayList<>();
                for (String c : candidates) ours.add(SdpCandidate.parse(c, 0));
                a = builder.buildWithinLimit(parsed, ours, MAX_PAYLOAD);
            } else {
                a = builder.build(parsed, List.of(), false);
            }
            if (a.videoMLineIndex() != offer.videoMLineIndex()) {
                // parse(offer, profile) with a different profile chose another section than this answer
                throw new IllegalStateException("answer accepts m-line " + a.videoMLineIndex() + " but the transport was made for "
                        + offer.videoMLineIndex() + "; parse the offer with the profile it is answered with");
            }
            if (a.setup().isDtlsClient() == offer.dtlsServer()) {
                throw new IllegalStateException("answer DTLS role " + a.setup() + " differs from the transport's");
            }
            return new SdpPort.Answer(a.sdp(), a.h264().payloadType());
        } catch (SdpException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static byte[] profileLevel(String profileLevelId) {
        byte[] plid = H264Profile.parseProfileLevelId(profileLevelId);
        if (plid == null) throw new IllegalArgumentException("stream profile-level-id is not 6 hex digits: " + profileLevelId);
        return plid;
    }
}
