package com.kvscamera.agent.config;

/** UDP/TCP port range for ICE candidates; {@link #EPHEMERAL} lets the OS choose. */
public record PortRange(int first, int last) {
    public static final PortRange EPHEMERAL = new PortRange(0, 0);

    public boolean isEphemeral() {
        return first == 0 && last == 0;
    }

    @Override
    public String toString() {
        return isEphemeral() ? "" : first + "-" + last;
    }
}
