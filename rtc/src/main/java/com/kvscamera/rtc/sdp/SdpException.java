package com.kvscamera.rtc.sdp;

/**
 * A session description that cannot be used, naming the 1-based line that broke a rule (0 when the problem is
 * something missing rather than a bad line) and the rule itself, so the log line says what the peer got wrong.
 */
public class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String rule;

    public SdpException(int lineNumber, String rule) {
        super(lineNumber > 0 ? "SDP line " + lineNumber + ": " + rule : "SDP: " + rule);
        this.lineNumber = lineNumber;
        this.rule = rule;
    }

    /** 1-based line number, or 0 when no single line is at fault. */
    public int lineNumber() {
        return lineNumber;
    }

    public String rule() {
        return rule;
    }
}
