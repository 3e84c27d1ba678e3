package com.kvscamera.rtc.ice;

import java.util.Locale;

/** A parsed stun:/turn:/turns: URI (RFC 7064/7065). */
public record IceServerUri(Scheme scheme, String host, int port, Transport transport) {
    public enum Scheme { STUN, STUNS, TURN, TURNS }
    public enum Transport { UDP, TCP, TLS }

    public static IceServerUri parse(String uri) {
        if (uri == null) throw new IllegalArgumentException("ICE server URI is null");
        String s = uri.trim();
        int colon = s.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("ICE server URI '" + uri + "' has no scheme");
        Scheme scheme;
        try {
            scheme = Scheme.valueOf(s.substring(0, colon).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ICE server URI '" + uri + "': scheme must be stun, stuns, turn or turns");
        }
        String rest = s.substring(colon + 1);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String host;
        String portStr = null;
        if (rest.startsWith("[")) {
            int end = rest.indexOf(']');
            if (end < 0) throw new IllegalArgumentException("ICE server URI '" + uri + "': unterminated IPv6 literal");
            host = rest.substring(1, end);
            if (rest.length() > end + 1 && rest.charAt(end + 1) == ':') portStr = rest.substring(end + 2);
        } else {
            int pc = rest.lastIndexOf(':');
            host = pc >= 0 ? rest.substring(0, pc) : rest;
            if (pc >= 0) portStr = rest.substring(pc + 1);
        }
        if (host.isEmpty()) throw new IllegalArgumentException("ICE server URI '" + uri + "' has no host");
        boolean secure = scheme == Scheme.TURNS || scheme == Scheme.STUNS;
        int port = secure ? 5349 : 3478;
        if (portStr != null) {
            try {
                port = Integer.parseInt(portStr);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ICE server URI '" + uri + "': port '" + portStr + "' is not a number");
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("ICE server URI '" + uri + "': port out of range");
        }
        Transport transport = secure ? Transport.TLS : Transport.UDP;
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                    String t = kv.substring(10).toLowerCase(Locale.ROOT);
                    if (t.equals("tcp")) transport = secure ? Transport.TLS : Transport.TCP;
                    else if (t.equals("udp")) {
                        if (secure) throw new IllegalArgumentException("ICE server URI '" + uri + "': turns: over udp (DTLS) is not supported");
                        transport = Transport.UDP;
                    } else throw new IllegalArgumentException("ICE server URI '" + uri + "': transport must be udp or tcp");
                }
            }
        }
        return new IceServerUri(scheme, host, port, transport);
    }

    public boolean isTurn() {
        return scheme == Scheme.TURN || scheme == Scheme.TURNS;
    }

    @Override
    public String toString() {
        return scheme.name().toLowerCase(Locale.ROOT) + ":" + host + ":" + port + "?transport="
                + transport.name().toLowerCase(Locale.ROOT);
    }
}
