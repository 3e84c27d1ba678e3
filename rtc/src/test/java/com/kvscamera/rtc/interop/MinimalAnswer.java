package com.kvscamera.rtc.interop;

import com.kvscamera.rtc.ice.IceCandidate;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough SDP for ICE interop tests: reads the offer's credentials, m-lines and candidates, and writes a
 * sendonly BUNDLE answer with a throwaway fingerprint. The real answer builder lives in rtc.sdp.
 */
final class MinimalAnswer {
    record MLine(String kind, String mid, String payloadType, String rtpmap) {}

    final String ufrag;
    final String pwd;
    final List<MLine> mlines = new ArrayList<>();
    final List<String> candidates = new ArrayList<>();

    MinimalAnswer(String offer) {
        String u = null;
        String p = null;
        String kind = null;
        String pt = null;
        String mid = null;
        String rtpmap = null;
        for (String line : offer.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (kind != null) mlines.add(new MLine(kind, mid, pt, rtpmap));
                String[] f = line.substring(2).split(" ");
                kind = f[0];
                pt = f[3];
                mid = null;
                rtpmap = null;
            } else if (line.startsWith("a=ice-ufrag:") && u == null) u = line.substring(12);
            else if (line.startsWith("a=ice-pwd:") && p == null) p = line.substring(10);
            else if (line.startsWith("a=mid:")) mid = line.substring(6);
            else if (line.startsWith("a=rtpmap:" + pt + " ")) rtpmap = line.substring(2);
            else if (line.startsWith("a=candidate:")) candidates.add(line.substring(2));
        }
        if (kind != null) mlines.add(new MLine(kind, mid, pt, rtpmap));
        ufrag = u;
        pwd = p;
    }

    String answer(String localUfrag, String localPwd, List<IceCandidate> local) {
        StringBuilder sb = new StringBuilder();
        sb.append("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sb.append("a=group:BUNDLE");
        for (MLine m : mlines) sb.append(' ').append(m.mid());
        sb.append("\r\na=msid-semantic: WMS\r\n");
        boolean first = true;
        for (MLine m : mlines) {
            sb.append("m=").append(m.kind()).append(" 9 UDP/TLS/RTP/SAVPF ").append(m.payloadType()).append("\r\n");
            sb.append("c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n");
            sb.append("a=ice-ufrag:").append(localUfrag).append("\r\na=ice-pwd:").append(localPwd).append("\r\n");
            sb.append("a=fingerprint:sha-256 ").append(throwawayFingerprint()).append("\r\n");
            sb.append("a=setup:passive\r\na=mid:").append(m.mid()).append("\r\na=sendonly\r\na=rtcp-mux\r\n");
            if (m.rtpmap() != null) sb.append("a=").append(m.rtpmap()).append("\r\n");
            if (first) {
                for (IceCandidate c : local) sb.append("a=").append(c.toSdpAttribute()).append("\r\n");
                first = false;
            }
        }
        return sb.toString();
    }

    private static String throwawayFingerprint() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) sb.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37) & 0xFF));
        return sb.toString();
    }
}
