package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed offer: session-level attributes and m-sections in order. Transport attributes (ICE credentials,
 * fingerprint, setup) are looked up media-level first, then session-level, because both placements occur in
 * the wild: browsers write them per m-section, older stacks once at session level.
 */
public final class SessionDescription {
    private final String origin;
    private final String sessionName;
    private final String connection;
    private final List<SdpAttribute> attributes;
    private final List<MediaDescription> media;

    SessionDescription(String origin, String sessionName, String connection, List<SdpAttribute> attributes,
                       List<MediaDescription> media) {
        this.origin = origin;
        this.sessionName = sessionName;
        this.connection = connection;
        this.attributes = List.copyOf(attributes);
        this.media = List.copyOf(media);
    }

    /** The o= value, or null. */
    public String origin() {
        return origin;
    }

    public String sessionName() {
        return sessionName;
    }

    /** The session-level c= value, or null. */
    public String connection() {
        return connection;
    }

    public List<SdpAttribute> attributes() {
        return attributes;
    }

    public List<MediaDescription> media() {
        return media;
    }

    public SdpAttribute attribute(String name) {
        for (SdpAttribute a : attributes) if (a.name().equals(name)) return a;
        return null;
    }

    /** Mids of the first {@code a=group:BUNDLE} group, empty when the offer bundles nothing. */
    public List<String> bundleMids() {
        for (SdpAttribute a : attributes) {
            if (a.name().equals("group") && a.value() != null) {
                String[] t = a.value().trim().split("\\s+");
                if (t.length > 0 && t[0].equals("BUNDLE")) return List.of(t).subList(1, t.length);
            }
        }
        return List.of();
    }

    /**
     * Whether the offerer accepts trickled candidates, by exactly the KVS C SDK rule
     * ({@code PeerConnection.c setRemoteDescription}): an attribute named {@code ice-options} whose value contains
     * {@code trickle}, case-sensitively, at session level or in any m-section (Chrome writes it per m-section,
     * RFC 8840 at session level). Alexa offers have no ice-options at all and need a complete answer.
     */
    public boolean canTrickleIce() {
        for (SdpAttribute a : attributes) if (isTrickle(a)) return true;
        for (MediaDescription m : media) {
            for (SdpAttribute a : m.attributes()) if (isTrickle(a)) return true;
        }
        return false;
    }

    private static boolean isTrickle(SdpAttribute a) {
        return a.name().equals("ice-options") && a.value() != null && a.value().contains("trickle");
    }

    /** {@code a=ice-lite} at session level: the offerer only answers checks, so we would have to control. */
    public boolean isIceLite() {
        return attribute("ice-lite") != null;
    }

    /**
     * The attribute from the m-section, else from the BUNDLE-tagged m-section when {@code m} is bundled (RFC 8843:
     * a {@code bundle-only} section carries no transport attributes of its own), else from session level, else null.
     */
    public SdpAttribute transportAttribute(MediaDescription m, String name) {
        SdpAttribute a = m.attribute(name);
        if (a != null) return a;
        MediaDescription tag = bundleTag(m);
        if (tag != null && tag != m) {
            a = tag.attribute(name);
            if (a != null) return a;
        }
        return attribute(name);
    }

    /** The m-section whose mid comes first in the BUNDLE group holding {@code m}'s mid, or null. */
    public MediaDescription bundleTag(MediaDescription m) {
        List<String> group = bundleMids();
        if (m.mid() == null || group.isEmpty() || !group.contains(m.mid())) return null;
        for (MediaDescription other : media) {
            if (group.get(0).equals(other.mid())) return other;
        }
        return null;
    }

    /**
     * Everything the ICE and DTLS layers need about the remote side of an m-section, validated.
     *
     * @throws SdpException naming the m-line when credentials or fingerprint are missing, or the bad line
     */
    public RemoteTransport remoteTransport(MediaDescription m) throws SdpException {
        SdpAttribute ufrag = transportAttribute(m, "ice-ufrag");
        SdpAttribute pwd = transportAttribute(m, "ice-pwd");
        SdpAttribute fp = transportAttribute(m, "fingerprint");
        SdpAttribute setup = transportAttribute(m, "setup");
        if (ufrag == null || ufrag.value() == null || ufrag.value().isBlank()) {
            throw new SdpException(m.lineNumber(), "m-section has no a=ice-ufrag (media or session level)");
        }
        if (pwd == null || pwd.value() == null || pwd.value().isBlank()) {
            throw new SdpException(m.lineNumber(), "m-section has no a=ice-pwd (media or session level)");
        }
        if (fp == null) throw new SdpException(m.lineNumber(), "m-section has no a=fingerprint (media or session level)");
        List<SdpCandidate> candidates = new ArrayList<>(m.candidates());
        MediaDescription tag = bundleTag(m);
        if (candidates.isEmpty() && tag != null) candidates.addAll(tag.candidates());
        return new RemoteTransport(ufrag.value().trim(), pwd.value().trim(), Fingerprint.parse(fp.value(), fp.lineNumber()),
                setup == null ? null : DtlsSetup.parse(setup.value(), setup.lineNumber()), List.copyOf(candidates),
                isIceLite());
    }
}
