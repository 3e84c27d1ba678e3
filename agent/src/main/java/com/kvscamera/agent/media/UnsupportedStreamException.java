package com.kvscamera.agent.media;

/**
 * Valid H.264 that WebRTC viewers cannot play (B-frames). Restarting the same command cannot fix it, so the
 * supervisor backs off at its maximum; the message tells the operator how to reconfigure the encoder.
 */
public final class UnsupportedStreamException extends StreamFormatException {
    public UnsupportedStreamException(String message) {
        super(message);
    }
}
