package com.kvscamera.rtc.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the offer fixtures in src/test/resources/sdp (see README.md there for where each comes from). */
final class Offers {
    private Offers() {
    }

    static String text(String name) {
        try (InputStream in = Offers.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture /sdp/" + name);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SdpParser.parse(text(name));
        } catch (SdpException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}
