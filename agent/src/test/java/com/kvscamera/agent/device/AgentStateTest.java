package com.kvscamera.agent.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kvscamera.agent.device.AgentState.Link;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The STATUS= text and LED pattern for each combination that matters. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AgentStateTest {
    @Test
    void statusLines() {
        AgentState s = AgentState.initial(false);
        assertEquals("connecting to KVS signaling", s.status());
        assertEquals("connected as master, 0 viewers", s.withLink(Link.CONNECTED, "").status());
        assertEquals("connected as master, 1 viewer", s.withLink(Link.CONNECTED, "").withViewers(1).status());
        assertEquals("reconnecting because GO_AWAY from 127.0.0.1",
                s.withLink(Link.RECONNECTING, "GO_AWAY from 127.0.0.1").status());
        assertEquals("reconnecting because close 1006, 3 viewers",
                s.withViewers(3).withLink(Link.RECONNECTING, "close 1006").status());
        assertEquals("disconnected (no pong in 30s), retrying",
                s.withLink(Link.DISCONNECTED, "no pong in 30s").status());
        assertEquals("privacy on: offers refused; connected as master",
                s.withLink(Link.CONNECTED, "").withViewers(2).withPrivacy(true).status());
        assertEquals("privacy on: offers refused; connecting to KVS signaling", AgentState.initial(true).status());
        assertEquals("stopping", s.withPrivacy(true).withLink(Link.STOPPED, "").status());
    }

    @Test
    void ledPriorities() {
        AgentState s = AgentState.initial(false);
        assertEquals(LedPattern.SLOW_BLINK, s.led());
        assertEquals(LedPattern.SLOW_BLINK, s.withLink(Link.DISCONNECTED, "x").led());
        assertEquals(LedPattern.ON, s.withLink(Link.CONNECTED, "").led());
        assertEquals(LedPattern.FAST_BLINK, s.withLink(Link.CONNECTED, "").withViewers(1).led());
        assertEquals(LedPattern.FAST_BLINK, s.withViewers(1).withLink(Link.RECONNECTING, "x").led());
        assertEquals(LedPattern.DOUBLE_BLINK, s.withLink(Link.CONNECTED, "").withViewers(1).withPrivacy(true).led());
        assertEquals(0, s.withViewers(2).withPrivacy(true).viewers(), "privacy closes every session");
        assertEquals(LedPattern.OFF, s.withPrivacy(true).withLink(Link.STOPPED, "").led());
    }
}
