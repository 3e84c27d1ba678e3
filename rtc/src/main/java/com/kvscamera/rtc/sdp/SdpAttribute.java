package com.kvscamera.rtc.sdp;

/**
 * One {@code a=} line: {@code name} is the text before the first colon, {@code value} the rest, or null for a
 * flag attribute such as {@code a=rtcp-mux}. {@code lineNumber} is 1-based, for error messages.
 */
public record SdpAttribute(String name, String value, int lineNumber) {

    public boolean isFlag() {
        return value == null;
    }

    /** The line as it is written in SDP, without line ending. */
    public String toLine() {
        return value == null ? "a=" + name : "a=" + name + ":" + value;
    }
}
