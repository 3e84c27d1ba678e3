package com.kvscamera.agent.app;

import com.kvscamera.agent.media.CaptureSupervisor;
import com.kvscamera.agent.session.SessionManager;
import com.kvscamera.agent.signaling.SignalingMaster;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The periodic one-line status: signaling link, viewers, media sent and its bitrate since the last line, capture. */
final class StatusLine {
    private static final Logger LOG = Logger.getLogger(StatusLine.class.getName());

    private final SignalingMaster signaling;
    private final SessionManager sessions;
    private final CaptureSupervisor capture;
    // only touched by the status timer
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    StatusLine(SignalingMaster signaling, SessionManager sessions, CaptureSupervisor capture) {
        this.signaling = signaling;
        this.sessions = sessions;
        this.capture = capture;
    }

    /** Called by the status timer; never throws (an exception would cancel the periodic task). */
    void log() {
        try {
            LOG.info(line());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status line failed", e);
        }
    }

    synchronized String line() {
        long now = System.nanoTime();
        long bytes = sessions.bytesSent();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double kbps = (bytes - lastBytes) * 8 / seconds / 1000;
        lastBytes = bytes;
        lastNanos = now;
        return String.format(Locale.ROOT, "status: signaling=%s viewers=%d sent=%.1fMB bitrate=%.0fkbit/s"
                        + " sessions=%d refused=%d capture=[%s] restarts=%d",
                signaling.status().state(), sessions.viewers(), bytes / 1e6, kbps, sessions.sessionsStarted(),
                sessions.offersRefused(), capture.stats().snapshot(), Math.max(0, capture.starts() - 1));
    }
}
