package com.kvscamera.agent.device;

/**
 * What the LED and the systemd STATUS line are derived from. Immutable; the device executor replaces it on every
 * agent event.
 *
 * @param reason why the link is not connected (empty when it is)
 * @param viewers sessions that are streaming (connected), not those still negotiating
 */
public record AgentState(Link link, String reason, int viewers, boolean privacy) {

    public enum Link { CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED, STOPPED }

    static AgentState initial(boolean privacy) {
        return new AgentState(Link.CONNECTING, "", 0, privacy);
    }

    AgentState withLink(Link l, String why) {
        return new AgentState(l, why == null ? "" : why, viewers, privacy);
    }

    AgentState withViewers(int n) {
        return new AgentState(link, reason, n, privacy);
    }

    AgentState withPrivacy(boolean on) {
        return new AgentState(link, reason, on ? 0 : viewers, on);
    }

    /** Stopped beats everything; privacy beats streaming; media still flows to viewers while signaling reconnects. */
    public LedPattern led() {
        if (link == Link.STOPPED) return LedPattern.OFF;
        if (privacy) return LedPattern.DOUBLE_BLINK;
        if (viewers > 0) return LedPattern.FAST_BLINK;
        return link == Link.CONNECTED ? LedPattern.ON : LedPattern.SLOW_BLINK;
    }

    /** The systemd STATUS= text (shown by {@code systemctl status}). */
    public String status() {
        String signaling = switch (link) {
            case CONNECTING -> "connecting to KVS signaling";
            case CONNECTED -> "connected as master";
            case RECONNECTING -> "reconnecting because " + reason;
            case DISCONNECTED -> "disconnected (" + reason + "), retrying";
            case STOPPED -> "stopping";
        };
        if (link == Link.STOPPED) return signaling;
        if (privacy) return "privacy on: offers refused; " + signaling;
        if (link != Link.CONNECTED && viewers == 0) return signaling;
        return signaling + ", " + viewers + (viewers == 1 ? " viewer" : " viewers");
    }
}
