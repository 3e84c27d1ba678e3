package com.kvscamera.agent.media;

import java.io.IOException;

/** The capture stream is not H.264 Annex B we can use; the message says which rule it broke. */
public class StreamFormatException extends IOException {
    public StreamFormatException(String message) {
        super(message);
    }
}
