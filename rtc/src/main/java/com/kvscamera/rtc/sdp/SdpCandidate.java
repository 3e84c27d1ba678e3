package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An ICE candidate line (RFC 8839 §5.1), remote or local. Parsing is tolerant about what follows the
 * mandatory fields: unknown extension pairs ({@code generation 0 network-id 1 ufrag x}) are kept verbatim, and
 * the address may be IPv4, IPv6 or an mDNS name ({@code <uuid>.local}, which Chrome uses for host candidates).
 *
 * @param transport  as written ({@code udp}, {@code UDP}, {@code tcp}); compare with {@link #isTcp()}
 * @param relatedAddress null when absent
 * @param relatedPort    -1 when absent
 * @param tcpType    {@code active}, {@code passive}, {@code so}, or null
 * @param extensions name/value tokens after the known fields, in order
 */
public record SdpCandidate(String foundation, int component, String transport, long priority, String address, int port,
                           String type, String relatedAddress, int relatedPort, String tcpType, List<String> extensions) {

    public SdpCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (foundation.isEmpty() || foundation.length() > 32) throw new IllegalArgumentException("foundation must be 1..32 chars");
        if (component < 1 || component > 256) throw new IllegalArgumentException("component must be 1..256");
        if (priority < 0 || priority > 0xFFFF_FFFFL) throw new IllegalArgumentException("priority must be 0..2^32-1");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535");
        for (String s : List.of(foundation, transport, address, type)) {
            if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException("candidate fields must be non-empty printable tokens: '" + s + "'");
            }
        }
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    /** A local candidate without related address or extensions. */
    public static SdpCandidate of(String foundation, int component, String transport, long priority, String address,
                                  int port, String type, String relatedAddress, int relatedPort) {
        return new SdpCandidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, null, List.of());
    }

    /**
     * Parses an {@code a=candidate:} value, with or without the {@code candidate:} prefix (the trickle JSON form
     * carries it).
     */
    public static SdpCandidate parse(String value, int lineNumber) throws SdpException {
        String v = value == null ? "" : value.trim();
        if (v.startsWith("candidate:")) v = v.substring("candidate:".length());
        String[] t = v.split("\\s+");
        if (t.length < 8 || !t[6].equals("typ")) {
            throw new SdpException(lineNumber, "a=candidate must be '<foundation> <component> <transport> <priority> <address> <port> typ <type> ...'");
        }
        try {
            int component = Integer.parseInt(t[1]);
            long priority = Long.parseLong(t[3]);
            int port = Integer.parseInt(t[5]);
            String raddr = null;
            int rport = -1;
            String tcpType = null;
            List<String> ext = new ArrayList<>();
            int i = 8;
            while (i < t.length) {
                String key = t[i];
                String val = i + 1 < t.length ? t[i + 1] : null;
                if (val == null) {
                    ext.add(key);
                    i++;
                    continue;
                }
                switch (key) {
                    case "raddr" -> raddr = val;
                    case "rport" -> rport = Integer.parseInt(val);
                    case "tcptype" -> tcpType = val;
                    default -> {
                        ext.add(key);
                        ext.add(val);
                    }
                }
                i += 2;
            }
            return new SdpCandidate(t[0], component, t[2], priority, t[4], port, t[7], raddr, rport, tcpType, ext);
        } catch (IllegalArgumentException e) {
            throw new SdpException(lineNumber, "a=candidate: " + e.getMessage());
        }
    }

    /** The attribute value without the {@code candidate:} prefix. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ').append(priority)
                .append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relatedAddress != null) sb.append(" raddr ").append(relatedAddress);
        if (relatedPort >= 0) sb.append(" rport ").append(relatedPort);
        if (tcpType != null) sb.append(" tcptype ").append(tcpType);
        for (String e : extensions) sb.append(' ').append(e);
        return sb.toString();
    }

    /** {@code candidate:...}, the form used in trickle messages' {@code candidate} field. */
    public String toTrickleString() {
        return "candidate:" + toSdpValue();
    }

    public boolean isTcp() {
        return transport.equalsIgnoreCase("tcp");
    }

    public boolean isUdp() {
        return transport.equalsIgnoreCase("udp");
    }

    public boolean isRelay() {
        return type.equalsIgnoreCase("relay");
    }

    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    public boolean isMdns() {
        return address.toLowerCase(Locale.ROOT).endsWith(".local");
    }

    /** IPv4 169.254.0.0/16 or IPv6 fe80::/10: reachable only on the local link, useless to a remote viewer. */
    public boolean isLinkLocal() {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.startsWith("169.254.")) return true;
        if (!isIpv6() || a.length() < 4) return false;
        return a.startsWith("fe8") || a.startsWith("fe9") || a.startsWith("fea") || a.startsWith("feb");
    }
}
