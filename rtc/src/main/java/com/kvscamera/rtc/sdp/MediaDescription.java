package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One m-section of a parsed offer, immutable. Attribute lookups are exact and case-sensitive on the name, as
 * the attribute names in RFC 8866 and in every WebRTC stack are lower case.
 */
public final class MediaDescription {
    private final String type;
    private final int port;
    private final String proto;
    private final List<String> formats;
    private final int lineNumber;
    private final String connection;
    private final Map<String, Long> bandwidth;
    private final List<SdpAttribute> attributes;
    private final Map<Integer, RtpMap> rtpMaps;
    private final Map<Integer, Map<String, String>> fmtp;
    private final Map<String, List<String>> rtcpFeedback;

    MediaDescription(String type, int port, String proto, List<String> formats, int lineNumber, String connection,
                     Map<String, Long> bandwidth, List<SdpAttribute> attributes) throws SdpException {
        this.type = type;
        this.port = port;
        this.proto = proto;
        this.formats = List.copyOf(formats);
        this.lineNumber = lineNumber;
        this.connection = connection;
        this.bandwidth = Collections.unmodifiableMap(new LinkedHashMap<>(bandwidth));
        this.attributes = List.copyOf(attributes);
        Map<Integer, RtpMap> maps = new LinkedHashMap<>();
        Map<Integer, Map<String, String>> params = new LinkedHashMap<>();
        Map<String, List<String>> fb = new LinkedHashMap<>();
        for (SdpAttribute a : attributes) {
            switch (a.name()) {
                case "rtpmap" -> {
                    RtpMap m = RtpMap.parse(a.value(), a.lineNumber());
                    maps.putIfAbsent(m.payloadType(), m);
                }
                case "fmtp" -> parseFmtp(a, params);
                case "rtcp-fb" -> parseRtcpFb(a, fb);
                case "mid" -> {
                    if (a.value() == null || a.value().isBlank()) throw new SdpException(a.lineNumber(), "a=mid must have a value");
                }
                default -> {
                }
            }
        }
        this.rtpMaps = Collections.unmodifiableMap(maps);
        this.fmtp = Collections.unmodifiableMap(params);
        this.rtcpFeedback = Collections.unmodifiableMap(fb);
    }

    private static void parseFmtp(SdpAttribute a, Map<Integer, Map<String, String>> out) throws SdpException {
        String v = a.value() == null ? "" : a.value().trim();
        int sp = v.indexOf(' ');
        String ptText = sp < 0 ? v : v.substring(0, sp);
        int pt;
        try {
            pt = Integer.parseInt(ptText);
        } catch (NumberFormatException e) {
            pt = -1;
        }
        if (pt < 0 || pt > 127) throw new SdpException(a.lineNumber(), "a=fmtp must start with a payload type 0..127");
        Map<String, String> p = new LinkedHashMap<>();
        if (sp > 0) {
            for (String kv : v.substring(sp + 1).split(";")) {
                String s = kv.trim();
                if (s.isEmpty()) continue;
                int eq = s.indexOf('=');
                String key = (eq < 0 ? s : s.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String val = eq < 0 ? "" : s.substring(eq + 1).trim();
                p.putIfAbsent(key, val);
            }
        }
        out.putIfAbsent(pt, Collections.unmodifiableMap(p));
    }

    private static void parseRtcpFb(SdpAttribute a, Map<String, List<String>> out) throws SdpException {
        String v = a.value() == null ? "" : a.value().trim();
        String[] t = v.split("\\s+", 2);
        if (t.length < 2 || t[1].isBlank()) throw new SdpException(a.lineNumber(), "a=rtcp-fb must be '<payload type|*> <feedback type> [<parameter>]'");
        out.computeIfAbsent(t[0], k -> new ArrayList<>()).add(String.join(" ", t[1].trim().split("\\s+")));
    }

    /** {@code audio}, {@code video}, {@code application}, ... as written. */
    public String type() {
        return type;
    }

    public boolean isVideo() {
        return type.equals("video");
    }

    /** Port of the m= line; 0 means the offerer rejected or disabled this section. */
    public int port() {
        return port;
    }

    public String proto() {
        return proto;
    }

    public List<String> formats() {
        return formats;
    }

    /** 1-based line number of the m= line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The media-level c= value, or null. */
    public String connection() {
        return connection;
    }

    /** b= lines by bandwidth type (AS, TIAS, ...), numeric ones only. */
    public Map<String, Long> bandwidth() {
        return bandwidth;
    }

    /** b=AS in kbit/s, or -1 when absent. */
    public long bandwidthAsKbps() {
        return bandwidth.getOrDefault("AS", -1L);
    }

    public List<SdpAttribute> attributes() {
        return attributes;
    }

    public List<SdpAttribute> attributes(String name) {
        List<SdpAttribute> out = new ArrayList<>();
        for (SdpAttribute a : attributes) if (a.name().equals(name)) out.add(a);
        return out;
    }

    /** The first attribute with this name, or null. */
    public SdpAttribute attribute(String name) {
        for (SdpAttribute a : attributes) if (a.name().equals(name)) return a;
        return null;
    }

    public boolean has(String name) {
        return attribute(name) != null;
    }

    /** The value of a=mid, or null when the offer has no mids (pre-BUNDLE stacks). */
    public String mid() {
        SdpAttribute a = attribute("mid");
        return a == null ? null : a.value().trim();
    }

    /** The media-level direction attribute, or null when the section has none. */
    public String direction() {
        for (SdpAttribute a : attributes) {
            switch (a.name()) {
                case "sendrecv", "sendonly", "recvonly", "inactive" -> {
                    return a.name();
                }
                default -> {
                }
            }
        }
        return null;
    }

    public Map<Integer, RtpMap> rtpMaps() {
        return rtpMaps;
    }

    /** fmtp parameters for a payload type (keys lower case), or null when the offer has no a=fmtp for it. */
    public Map<String, String> fmtp(int payloadType) {
        return fmtp.get(payloadType);
    }

    /** rtcp-fb values offered for a payload type, including the {@code *} wildcard ones, e.g. {@code nack pli}. */
    public List<String> rtcpFeedback(int payloadType) {
        List<String> out = new ArrayList<>(rtcpFeedback.getOrDefault(Integer.toString(payloadType), List.of()));
        for (String s : rtcpFeedback.getOrDefault("*", List.of())) if (!out.contains(s)) out.add(s);
        return out;
    }

    /**
     * The section's candidates that parse; the others are skipped, as the KVS C SDK does, because one exotic
     * candidate must not cost the whole session. {@link #unparsableCandidates()} says how many were skipped.
     */
    public List<SdpCandidate> candidates() {
        List<SdpCandidate> out = new ArrayList<>();
        for (SdpAttribute a : attributes("candidate")) {
            try {
                out.add(SdpCandidate.parse(a.value(), a.lineNumber()));
            } catch (SdpException e) {
                // counted by unparsableCandidates()
            }
        }
        return out;
    }

    public int unparsableCandidates() {
        return attributes("candidate").size() - candidates().size();
    }

    @Override
    public String toString() {
        return "m=" + type + " " + port + " " + proto + " " + String.join(" ", formats) + " (line " + lineNumber + ")";
    }
}
