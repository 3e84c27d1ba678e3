package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tolerant RFC 8866 parser for the offers a camera receives (Chrome, Firefox, libwebrtc, the KVS viewers,
 * Alexa). Tolerant means: CRLF or LF line endings, trailing whitespace, blank lines, unknown line types and
 * unknown attributes are accepted; order rules beyond "v= first, m= starts a section" are not enforced.
 * Strict where a wrong value would otherwise surface later as a confusing failure: the m= line, rtpmap, fmtp,
 * rtcp-fb and mid values, and the overall size. Written by hand because the Java SDP libraries (JAIN-SIP,
 * jitsi) are large and SIP-oriented, and WebRTC needs only this subset.
 */
public final class SdpParser {
    /** Far above any offer that fits a 10,000-character signaling payload; stops abuse before any work. */
    public static final int MAX_LENGTH = 64 * 1024;

    private SdpParser() {
    }

    public static SessionDescription parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) throw new SdpException(0, "empty session description");
        if (sdp.length() > MAX_LENGTH) throw new SdpException(0, "session description longer than " + MAX_LENGTH + " characters");
        String[] lines = sdp.split("\n", -1);
        String origin = null;
        String sessionName = null;
        String sessionConnection = null;
        List<SdpAttribute> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        Section current = null;
        boolean sawVersion = false;

        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripTrailing(lines[i]);
            if (line.isEmpty()) continue;
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new SdpException(lineNo, "expected '<letter>=<value>', got '" + abbreviate(line) + "'");
            }
            for (int k = 0; k < line.length(); k++) {
                char ch = line.charAt(k);
                // RFC 8866 forbids CR, LF and NUL inside a line; a stray CR would otherwise be echoed into our answer
                if (ch < 0x20 && ch != '\t') throw new SdpException(lineNo, "control character 0x" + Integer.toHexString(ch) + " inside a line");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!sawVersion) {
                if (type != 'v' || !value.trim().equals("0")) throw new SdpException(lineNo, "first line must be v=0");
                sawVersion = true;
                continue;
            }
            switch (type) {
                case 'm' -> {
                    if (current != null) media.add(current.build());
                    current = Section.parse(value, lineNo);
                }
                case 'a' -> {
                    SdpAttribute a = attribute(value, lineNo);
                    if (current != null) current.attributes.add(a);
                    else sessionAttributes.add(a);
                }
                case 'c' -> {
                    if (current != null) current.connection = value.trim();
                    else sessionConnection = value.trim();
                }
                case 'b' -> {
                    if (current != null) bandwidth(value, current.bandwidth);
                }
                case 'o' -> {
                    if (current == null) origin = value.trim();
                }
                case 's' -> {
                    if (current == null) sessionName = value;
                }
                case 'v' -> throw new SdpException(lineNo, "v= may appear only once, on the first line");
                default -> {
                    // t=, i=, u=, e=, p=, r=, z=, k= and unknown types carry nothing a sender needs
                }
            }
        }
        if (!sawVersion) throw new SdpException(0, "empty session description");
        if (current != null) media.add(current.build());
        if (media.isEmpty()) throw new SdpException(0, "offer has no m= sections");
        return new SessionDescription(origin, sessionName, sessionConnection, sessionAttributes, media);
    }

    private static SdpAttribute attribute(String value, int lineNo) throws SdpException {
        int colon = value.indexOf(':');
        String name = (colon < 0 ? value : value.substring(0, colon)).trim();
        if (name.isEmpty()) throw new SdpException(lineNo, "a= line without an attribute name");
        return new SdpAttribute(name, colon < 0 ? null : value.substring(colon + 1), lineNo);
    }

    /** Non-numeric or unknown-typed b= lines are ignored; a sender only uses b=AS as a hint. */
    private static void bandwidth(String value, Map<String, Long> out) {
        int colon = value.indexOf(':');
        if (colon <= 0) return;
        try {
            long v = Long.parseLong(value.substring(colon + 1).trim());
            if (v >= 0) out.putIfAbsent(value.substring(0, colon).trim(), v);
        } catch (NumberFormatException e) {
            // tolerated, see above
        }
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) end--;
        return s.substring(0, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** An m-section being collected. */
    private static final class Section {
        final String type;
        final int port;
        final String proto;
        final List<String> formats;
        final int lineNumber;
        final List<SdpAttribute> attributes = new ArrayList<>();
        final Map<String, Long> bandwidth = new LinkedHashMap<>();
        String connection;

        private Section(String type, int port, String proto, List<String> formats, int lineNumber) {
            this.type = type;
            this.port = port;
            this.proto = proto;
            this.formats = formats;
            this.lineNumber = lineNumber;
        }

        static Section parse(String value, int lineNo) throws SdpException {
            String rule = "m= must be '<media> <port> <proto> <format> ...'";
            String[] t = value.trim().split("\\s+");
            if (t.length < 4) throw new SdpException(lineNo, rule);
            String portText = t[1];
            int slash = portText.indexOf('/');
            if (slash >= 0) portText = portText.substring(0, slash); // port/count form
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new SdpException(lineNo, "m= port must be a number 0..65535, got '" + t[1] + "'");
            }
            if (port < 0 || port > 65535) throw new SdpException(lineNo, "m= port must be a number 0..65535, got '" + t[1] + "'");
            return new Section(t[0], port, t[2], List.of(t).subList(3, t.length), lineNo);
        }

        MediaDescription build() throws SdpException {
            return new MediaDescription(type, port, proto, formats, lineNumber, connection, bandwidth, attributes);
        }
    }
}
