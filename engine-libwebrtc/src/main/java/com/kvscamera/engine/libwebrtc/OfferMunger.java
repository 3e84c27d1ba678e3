package com.kvscamera.engine.libwebrtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moves one H.264 payload type to the front of every video m-line of a remote offer. libwebrtc picks its send
 * codec from the offer's order, not from setCodecPreferences (webrtc-java-notes.md §1: an unmodified Chrome offer
 * made the camera send VP8 although the answer listed only H.264), so the offer is reordered before
 * setRemoteDescription. Preference: 42e01f with packetization-mode=1, then any constrained-baseline/baseline
 * profile with packetization-mode=1, then any H.264 with packetization-mode=1, then any H.264 at all (an Echo Show
 * offers a bare {@code H264/90000} without fmtp, i.e. packetization-mode 0, which libwebrtc can also send).
 */
final class OfferMunger {
    private OfferMunger() {}

    /** @throws IllegalArgumentException naming the m-line when a video m-line has no H.264 */
    static String preferH264(String offer) {
        String eol = offer.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = offer.split("\r?\n", -1);
        List<Integer> videoLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("m=video ")) videoLines.add(i);
        }
        if (videoLines.isEmpty()) throw new IllegalArgumentException("offer has no video m-line");
        for (int start : videoLines) {
            int end = start + 1;
            while (end < lines.length && !lines[end].startsWith("m=")) end++;
            String pt = choose(lines, start + 1, end);
            if (pt == null) {
                throw new IllegalArgumentException("video m-line '" + lines[start] + "' offers no H.264");
            }
            lines[start] = moveFirst(lines[start], pt);
        }
        return String.join(eol, lines);
    }

    private static String choose(String[] lines, int from, int to) {
        Map<String, String> h264Fmtp = new HashMap<>();
        List<String> h264 = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String l = lines[i];
            if (l.startsWith("a=rtpmap:") && l.toUpperCase(Locale.ROOT).contains(" H264/90000")) {
                h264.add(l.substring("a=rtpmap:".length(), l.indexOf(' ')));
            }
        }
        for (int i = from; i < to; i++) {
            String l = lines[i];
            if (!l.startsWith("a=fmtp:")) continue;
            int sp = l.indexOf(' ');
            if (sp < 0) continue;
            String pt = l.substring("a=fmtp:".length(), sp);
            if (h264.contains(pt)) h264Fmtp.put(pt, l.substring(sp + 1).toLowerCase(Locale.ROOT));
        }
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String pt : h264) {
            String f = h264Fmtp.getOrDefault(pt, "");
            int rank = !f.contains("packetization-mode=1") ? 3 : f.contains("profile-level-id=42e01f") ? 0
                    : f.matches(".*profile-level-id=42[0-9a-f]{4}.*") ? 1 : 2;
            if (rank < bestRank) {
                best = pt;
                bestRank = rank;
            }
        }
        return best;
    }

    /** "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102" with pt 102 → "m=video 9 UDP/TLS/RTP/SAVPF 102 96 97". */
    private static String moveFirst(String mLine, String pt) {
        String[] parts = mLine.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3 && i < parts.length; i++) sb.append(parts[i]).append(' ');
        sb.append(pt);
        for (int i = 3; i < parts.length; i++) {
            if (!parts[i].equals(pt)) sb.append(' ').append(parts[i]);
        }
        return sb.toString();
    }
}
