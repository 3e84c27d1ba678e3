package com.kvscamera.rtc.ice;

import java.util.Locale;

/**
 * One ICE candidate (RFC 8839 §5.1 syntax). {@code address} stays a string because remote candidates may be
 * mDNS names ({@code <uuid>.local}) that this agent deliberately does not resolve.
 */
public record IceCandidate(String foundation, int component, String transport, long priority, String address,
                           int port, Type type, String relatedAddress, int relatedPort, String tcpType) {

    public enum Type {
        HOST("host", 126), SRFLX("srflx", 100), PRFLX("prflx", 110), RELAY("relay", 0);
        final String sdp;
        final int typePreference;
        Type(String sdp, int pref) { this.sdp = sdp; this.typePreference = pref; }
        static Type of(String s) {
            for (Type t : values()) if (t.sdp.equalsIgnoreCase(s)) return t;
            throw new IllegalArgumentException("unknown candidate type '" + s + "'");
        }
    }

    /** RFC 8445 §5.1.2.1 priority. */
    public static long priority(Type type, int localPreference, int component) {
        return ((long) type.typePreference << 24) | ((long) (localPreference & 0xFFFF) << 8) | (256 - component);
    }

    public boolean isUdp() { return "udp".equalsIgnoreCase(transport); }
    public boolean isMdns() { return address.toLowerCase(Locale.ROOT).endsWith(".local"); }

    /** "candidate:..." as it goes after "a=" in SDP or into RTCIceCandidate.candidate. */
    public String toSdpAttribute() {
        StringBuilder sb = new StringBuilder("candidate:").append(foundation).append(' ').append(component).append(' ')
                .append(transport.toLowerCase(Locale.ROOT)).append(' ').append(priority).append(' ').append(address)
                .append(' ').append(port).append(" typ ").append(type.sdp);
        if (relatedAddress != null) sb.append(" raddr ").append(relatedAddress).append(" rport ").append(relatedPort);
        if (tcpType != null) sb.append(" tcptype ").append(tcpType);
        return sb.append(" generation 0").toString();
    }

    /** Parses "candidate:...", "a=candidate:..." or the bare attribute value; errors name the offending field. */
    public static IceCandidate parse(String line) {
        if (line == null) throw new IllegalArgumentException("candidate is null");
        String s = line.trim();
        if (s.startsWith("a=")) s = s.substring(2);
        if (s.startsWith("candidate:")) s = s.substring(10);
        String[] f = s.split("\\s+");
        if (f.length < 8 || !f[6].equals("typ")) throw new IllegalArgumentException("candidate '" + line + "': expected '<foundation> <component> <transport> <priority> <address> <port> typ <type>'");
        try {
            int component = Integer.parseInt(f[1]);
            long priority = Long.parseLong(f[3]);
            int port = Integer.parseInt(f[5]);
            if (port < 0 || port > 65535) throw new IllegalArgumentException("candidate '" + line + "': port out of range");
            Type type = Type.of(f[7]);
            String raddr = null;
            int rport = 0;
            String tcpType = null;
            for (int i = 8; i + 1 < f.length; i += 2) {
                switch (f[i]) {
                    case "raddr" -> raddr = f[i + 1];
                    case "rport" -> rport = Integer.parseInt(f[i + 1]);
                    case "tcptype" -> tcpType = f[i + 1];
                    default -> { } // generation, ufrag, network-id, network-cost...: extensions we ignore
                }
            }
            return new IceCandidate(f[0], component, f[2].toLowerCase(Locale.ROOT), priority, f[4], port, type, raddr,
                    rport, tcpType);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("candidate '" + line + "': component, priority and port must be numbers");
        }
    }
}
