package com.kvscamera.agent.device;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * sd_notify(3) over the datagram socket named by {@code NOTIFY_SOCKET}. Like libsystemd, every message uses a fresh
 * socket, so this is thread-safe without a lock and holds no descriptor between messages (one message per ~30 s).
 */
public final class SdNotify implements Notifier {
    private static final Logger LOG = Logger.getLogger(SdNotify.class.getName());
    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

    private final UnixAddress address;
    private final String name;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    SdNotify(String name) {
        this.address = UnixAddress.of(name);
        this.name = name;
    }

    /** A notifier for the socket in {@code env}, or {@link Notifier#NONE} when the agent does not run under systemd. */
    public static Notifier fromEnvironment(Map<String, String> env) {
        String name = env.get(NOTIFY_SOCKET);
        if (name == null || name.isEmpty()) {
            return Notifier.NONE;
        }
        try {
            return new SdNotify(name);
        } catch (IllegalArgumentException e) {
            LOG.warning(e.getMessage() + ": systemd notifications disabled");
            return Notifier.NONE;
        }
    }

    @Override
    public void send(String state) {
        try {
            sendOrThrow(state);
        } catch (LastErrorException | LinkageError e) {
            // the first failure says why (no systemd any more, queue full, no libc); later ones would repeat it
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "sd_notify to " + name + " failed: " + e.getMessage());
            }
        }
    }

    void sendOrThrow(String state) {
        byte[] msg = state.getBytes(StandardCharsets.UTF_8);
        LibC c = LibC.INSTANCE;
        int fd = c.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try {
            c.sendto(fd, msg, new NativeLong(msg.length), LibC.MSG_DONTWAIT, address.bytes(), address.length());
        } finally {
            c.close(fd);
        }
    }

    @Override
    public String toString() {
        return "sd_notify(" + name + ")";
    }
}
