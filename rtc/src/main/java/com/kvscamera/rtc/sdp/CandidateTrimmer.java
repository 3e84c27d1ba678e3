package com.kvscamera.rtc.sdp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Steps that shorten a complete answer's candidate list when its signaling payload would exceed the limit,
 * least useful candidates first. Each step keeps the order of what it keeps and never returns an empty list.
 */
public enum CandidateTrimmer {
    /** IPv6: a camera's viewers (and Alexa's media servers) reach it over IPv4; v6 pairs are a bonus. */
    DROP_IPV6,
    /** 169.254/16 and fe80::/10 addresses, which no remote viewer can reach. */
    DROP_LINK_LOCAL,
    /** More than one TCP candidate for the same address (active/passive/so variants): keep the best. */
    DROP_DUPLICATE_TCP,
    /** Relays beyond the single highest-priority one (several TURN servers or transports). */
    DROP_EXTRA_RELAYS;

    public List<SdpCandidate> apply(List<SdpCandidate> in) {
        List<SdpCandidate> out = new ArrayList<>(in.size());
        switch (this) {
            case DROP_IPV6 -> in.stream().filter(c -> !c.isIpv6()).forEach(out::add);
            case DROP_LINK_LOCAL -> in.stream().filter(c -> !c.isLinkLocal()).forEach(out::add);
            case DROP_DUPLICATE_TCP -> {
                Set<String> seen = new HashSet<>();
                for (SdpCandidate c : bestFirst(in)) {
                    if (!c.isTcp() || seen.add(c.address().toLowerCase(Locale.ROOT))) out.add(c);
                }
                out.sort(Comparator.comparingInt(in::indexOf));
            }
            case DROP_EXTRA_RELAYS -> {
                boolean kept = false;
                for (SdpCandidate c : bestFirst(in)) {
                    if (!c.isRelay()) {
                        out.add(c);
                    } else if (!kept) {
                        out.add(c);
                        kept = true;
                    }
                }
                out.sort(Comparator.comparingInt(in::indexOf));
            }
            default -> throw new IllegalStateException();
        }
        return out.isEmpty() ? List.copyOf(in) : out;
    }

    /** Removes the lowest-priority candidate (the last one among equals), keeping at least one. */
    public static List<SdpCandidate> dropLowestPriority(List<SdpCandidate> in) {
        if (in.size() <= 1) return List.copyOf(in);
        SdpCandidate worst = in.get(0);
        for (SdpCandidate c : in) if (c.priority() <= worst.priority()) worst = c;
        List<SdpCandidate> out = new ArrayList<>(in);
        out.remove(out.lastIndexOf(worst));
        return out;
    }

    private static List<SdpCandidate> bestFirst(List<SdpCandidate> in) {
        List<SdpCandidate> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingLong(SdpCandidate::priority).reversed());
        return sorted;
    }
}
