package com.kvscamera.agent.e2e;

import com.kvscamera.agent.kvs.TlsTrust;
import com.kvscamera.testkit.WebRtcViewer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A trickle viewer in its own JVM, so that a test can make it vanish the way a phone that loses its network does:
 * SIGKILL, with no DTLS close_notify and no RTCP BYE. Prints "FRAMES n" once a second.
 * Arguments: presigned viewer URL, CA certificate file, client id.
 */
public final class ViewerProcess {
    private ViewerProcess() {}

    public static void main(String[] args) throws Exception {
        URI presigned = URI.create(args[0]);
        try (TrickleViewer v = new TrickleViewer(presigned, TlsTrust.context(Path.of(args[1])), args[2],
                WebRtcViewer.Options.videoOnly()).connect()) {
            while (true) {
                System.out.println("FRAMES " + v.peer.framesDecoded());
                System.out.flush();
                v.peer.awaitFrames(Long.MAX_VALUE, Duration.ofSeconds(1));
            }
        }
    }
}
