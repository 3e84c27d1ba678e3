package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The offered H.264 payload type we answer with, chosen for a passthrough stream whose SPS we cannot change.
 *
 * <p>Preference, in offer order within each tier: (1) packetization-mode=1 with the same profile as our stream;
 * (2) packetization-mode=1 with a compatible profile ({@link H264Profile#compatibleWith}); (3) an H.264 payload
 * type with no fmtp at all (Alexa's pt 99), which we answer with packetization-mode=1 and our profile-level-id.
 * An fmtp without profile-level-id means constrained baseline 3.1 (libwebrtc's default, crbug/webrtc/6337);
 * an fmtp without packetization-mode means mode 0 (RFC 6184 §8.1), which we cannot send. RTX, RED and FEC
 * payload types are never chosen.
 *
 * @param matchedOfferProfile the offered profile that matched, or null for a payload type without fmtp
 * @param rtcpFeedback        the subset of {@code nack}, {@code nack pli}, {@code ccm fir} that the offer lists
 *                            for this payload type, in that order: what the answer may echo
 */
public record H264Choice(int payloadType, String answerProfileLevelId, H264Profile matchedOfferProfile,
                         Match match, List<String> rtcpFeedback) {

    public enum Match { SAME_PROFILE, COMPATIBLE_PROFILE, NO_FMTP }

    private static final List<String> FEEDBACK_WE_USE = List.of("nack", "nack pli", "ccm fir");

    /** Value of the answer's {@code a=fmtp} after the payload type. */
    public String answerFmtp() {
        return "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=" + answerProfileLevelId;
    }

    /**
     * @param video            the offer's video m-section
     * @param ourProfileLevelId the stream's 3 profile-level-id bytes (SPS bytes 1..3: profile_idc, constraint
     *                         flags, level_idc)
     * @throws SdpException naming the m= line when nothing offered can carry our stream
     */
    public static H264Choice choose(MediaDescription video, byte[] ourProfileLevelId) throws SdpException {
        H264Profile ours = H264Profile.of(ourProfileLevelId);
        if (ours == null) {
            throw new SdpException(0, "our stream's profile-level-id "
                    + (ourProfileLevelId == null || ourProfileLevelId.length != 3 ? "(not 3 bytes)" : H264Profile.toHex(ourProfileLevelId))
                    + " is not an H.264 profile WebRTC receivers negotiate");
        }
        String ourHex = H264Profile.toHex(ourProfileLevelId);
        Candidate best = null;
        List<String> offered = new ArrayList<>();
        for (String f : video.formats()) {
            int pt;
            try {
                pt = Integer.parseInt(f);
            } catch (NumberFormatException e) {
                continue;
            }
            RtpMap map = video.rtpMaps().get(pt);
            if (map == null || !map.isH264()) continue;
            Map<String, String> fmtp = video.fmtp(pt);
            Candidate c;
            if (fmtp == null) {
                offered.add(pt + " (no fmtp)");
                c = new Candidate(pt, null, Match.NO_FMTP);
            } else {
                String pm = fmtp.getOrDefault("packetization-mode", "0").trim();
                String plidText = fmtp.get("profile-level-id");
                byte[] plid = plidText == null ? new byte[] {0x42, (byte) 0xe0, 0x1f} : H264Profile.parseProfileLevelId(plidText);
                H264Profile theirs = plid == null ? null : H264Profile.of(plid);
                offered.add(pt + " " + (plidText == null ? "(no profile-level-id)" : plidText) + " pm=" + pm);
                if (!pm.equals("1") || theirs == null) continue;
                if (theirs == ours) c = new Candidate(pt, theirs, Match.SAME_PROFILE);
                else if (ours.compatibleWith(theirs)) c = new Candidate(pt, theirs, Match.COMPATIBLE_PROFILE);
                else continue;
            }
            if (best == null || c.match.ordinal() < best.match.ordinal()) best = c;
        }
        if (offered.isEmpty()) {
            throw new SdpException(video.lineNumber(), "offer has no H.264/90000 payload type in this m=video section");
        }
        if (best == null) {
            throw new SdpException(video.lineNumber(), "no offered H.264 payload type has packetization-mode=1 and a profile matching our stream ("
                    + ourHex + ", " + ours + "); offered: " + String.join(", ", offered));
        }
        List<String> fb = new ArrayList<>();
        List<String> offeredFb = video.rtcpFeedback(best.pt);
        for (String f : FEEDBACK_WE_USE) if (offeredFb.contains(f)) fb.add(f);
        return new H264Choice(best.pt, ourHex, best.profile, best.match, List.copyOf(fb));
    }

    private record Candidate(int pt, H264Profile profile, Match match) {
    }
}
