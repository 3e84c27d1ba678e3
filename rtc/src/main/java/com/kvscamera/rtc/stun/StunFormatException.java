package com.kvscamera.rtc.stun;

/** A datagram that claims to be STUN but breaks RFC 8489 framing; the message names the rule that failed. */
public final class StunFormatException extends Exception {
    public StunFormatException(String message) {
        super(message);
    }
}
