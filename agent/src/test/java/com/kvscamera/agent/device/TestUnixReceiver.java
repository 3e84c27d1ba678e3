package com.kvscamera.agent.device;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The service manager's side of sd_notify for tests: a real AF_UNIX datagram socket bound to a path or an abstract
 * name, received from with a timeout (SO_RCVTIMEO), so no test sleeps.
 */
final class TestUnixReceiver implements AutoCloseable {
    interface C extends Library {
        C INSTANCE = Native.load("c", C.class);
        int SOL_SOCKET = 1;
        int SO_RCVTIMEO = 20;
        int EAGAIN = 11;

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] addr, int len) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

        NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final int fd;
    final String name;

    TestUnixReceiver(String name) {
        this.name = name;
        fd = C.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        UnixAddress a = UnixAddress.of(name);
        C.INSTANCE.bind(fd, a.bytes(), a.length());
    }

    /** The next datagram, or empty when none arrived within {@code timeout}. */
    Optional<String> receive(Duration timeout) {
        // struct timeval {long tv_sec; long tv_usec;} with 64-bit longs (x86-64, aarch64: where the tests run)
        ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        tv.putLong(timeout.toSeconds()).putLong(timeout.toNanosPart() / 1000);
        C.INSTANCE.setsockopt(fd, C.SOL_SOCKET, C.SO_RCVTIMEO, tv.array(), 16);
        byte[] buf = new byte[4096];
        try {
            int n = C.INSTANCE.recv(fd, buf, new NativeLong(buf.length), 0).intValue();
            return Optional.of(new String(buf, 0, n, StandardCharsets.UTF_8));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == C.EAGAIN) return Optional.empty();
            throw e;
        }
    }

    String receive() {
        return receive(Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no datagram on " + name));
    }

    @Override
    public void close() {
        C.INSTANCE.close(fd);
    }
}
