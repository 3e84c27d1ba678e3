package com.kvscamera.agent.signaling;

import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Timer helpers of the control thread: a periodic or delayed task never dies of an unexpected exception. */
final class ControlTasks {
    private static final Logger LOG = Logger.getLogger(SignalingController.class.getName());

    private ControlTasks() {}

    static Runnable guarded(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure in signaling " + what, e);
            }
        };
    }

    static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
