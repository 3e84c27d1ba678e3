package com.kvscamera.agent.device;

/** Sends sd_notify state lines ("READY=1", "STATUS=…", "WATCHDOG=1", "STOPPING=1") to the service manager. */
public interface Notifier {
    /** Outside systemd (no NOTIFY_SOCKET): nothing is sent. */
    Notifier NONE = state -> { };

    /** Sends one notification; never throws and never blocks (safe on the signaling control thread). */
    void send(String state);
}
