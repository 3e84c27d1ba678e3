package com.kvscamera.emulator.signaling;

import java.util.concurrent.CompletableFuture;

/** The router's view of one network connection; implemented over Netty, callable from any thread. */
public interface PeerLink {
    /** Completes the WebSocket upgrade; frames from then on arrive for {@code peer}. */
    void accept(Peer peer);

    /** Refuses the upgrade with an HTTP error response (the real service's upgrade failures). */
    void reject(int status, String errorType, String message);

    void send(String text);

    /** Sends a close frame and ends the connection; completes once the connection has ended. */
    CompletableFuture<Void> close(int code, String reason);

    /** Drops the TCP connection without a close frame (RST), as a lost network would. */
    void drop();

    /** False once the connection has ended (the router may not have been told yet). */
    boolean isOpen();

    String remoteAddress();
}
