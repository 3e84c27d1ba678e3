package com.kvscamera.rtc.turn;

import java.io.IOException;

/** The client-to-server leg of a TURN allocation: UDP, TCP or TLS. One reader thread per transport. */
interface TurnTransport extends AutoCloseable {
    interface Events {
        void onConnected();
        /** One whole STUN message or ChannelData frame; the array is reused after the call. */
        void onMessage(byte[] data, int off, int len);
        void onClosed(String reason);
    }

    void start(Events events);

    void send(byte[] data, int off, int len) throws IOException;

    /** Stream transports need ChannelData padded to 4 bytes (RFC 8656 §12.5). */
    boolean isStream();

    @Override
    void close();
}
