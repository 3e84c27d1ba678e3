package com.kvscamera.agent.signaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST STAND-IN for the session layer: answers every offer at once with a syntactically valid SDP answer (the
 * offer's m-lines and mids echoed, a fake DTLS fingerprint, no candidates). It proves signaling delivery only;
 * no media path exists behind it.
 */
final class StandInOfferHandler implements OfferHandler {
    final AtomicInteger offers = new AtomicInteger();
    final Map<String, AtomicInteger> candidatesByClient = new ConcurrentHashMap<>();
    final List<String> candidateLog = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onOffer(String clientId, String sdp, SignalingOut out) {
        offers.incrementAndGet();
        out.sendAnswer(clientId, answerFor(sdp));
    }

    @Override
    public void onRemoteCandidate(String clientId, String candidate, String sdpMid, int sdpMLineIndex) {
        candidatesByClient.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
        candidateLog.add(clientId + " " + candidate);
    }

    static String answerFor(String offer) {
        StringBuilder head = new StringBuilder("v=0\r\no=- 4215775240449105457 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        List<String> mids = new ArrayList<>();
        StringBuilder media = new StringBuilder();
        String kind = null;
        String pt = null;
        String rtpmap = null;
        String mid = null;
        for (String line : (offer + "\r\nm=end").split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (kind != null) {
                    appendSection(media, kind, pt, rtpmap, mid);
                    mids.add(mid);
                }
                if (line.equals("m=end")) {
                    break;
                }
                String[] f = line.substring(2).split(" ");
                kind = f[0];
                pt = f.length > 3 ? f[3] : "0";
                rtpmap = null;
                mid = String.valueOf(mids.size());
            } else if (kind != null && line.startsWith("a=mid:")) {
                mid = line.substring(6);
            } else if (kind != null && rtpmap == null && line.startsWith("a=rtpmap:" + pt + " ")) {
                rtpmap = line;
            }
        }
        head.append("a=group:BUNDLE ").append(String.join(" ", mids)).append("\r\n");
        head.append("a=msid-semantic: WMS\r\n");
        return head.append(media).toString();
    }

    private static void appendSection(StringBuilder b, String kind, String pt, String rtpmap, String mid) {
        b.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
        b.append("c=IN IP4 0.0.0.0\r\n");
        b.append("a=mid:").append(mid).append("\r\n");
        b.append("a=ice-ufrag:sTnd\r\na=ice-pwd:standinstandinstandin00\r\n");
        b.append("a=fingerprint:sha-256 ");
        for (int i = 0; i < 32; i++) {
            b.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37 + 11) & 0xff));
        }
        b.append("\r\na=setup:active\r\n");
        b.append("video".equals(kind) ? "a=sendonly\r\n" : "a=inactive\r\n");
        b.append("a=rtcp-mux\r\n");
        if (rtpmap != null) {
            b.append(rtpmap).append("\r\n");
        }
    }
}
