package com.kvscamera.agent.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Linux {@code struct sockaddr_un} for a path or, when the name starts with {@code @}, for an abstract-namespace
 * name (sun_path starts with NUL and the length counts only the bytes used, no trailing NUL).
 */
record UnixAddress(byte[] bytes, int length) {

    static UnixAddress of(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("NOTIFY_SOCKET is empty");
        }
        boolean abstractName = name.charAt(0) == '@';
        if (!abstractName && name.charAt(0) != '/') {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + name
                    + "' is neither an absolute path nor an @abstract name");
        }
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        // abstract: the '@' becomes the leading NUL; a path needs room for its trailing NUL
        int used = abstractName ? path.length : path.length + 1;
        if (used > LibC.SUN_PATH_MAX) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + name + "' is longer than "
                    + LibC.SUN_PATH_MAX + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(2 + LibC.SUN_PATH_MAX).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_UNIX);
        if (abstractName) {
            b.put((byte) 0).put(path, 1, path.length - 1);
        } else {
            b.put(path).put((byte) 0);
        }
        return new UnixAddress(b.array(), 2 + used);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixAddress u && u.length == length && Arrays.equals(u.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + length;
    }

    @Override
    public String toString() {
        return "UnixAddress[" + length + " bytes]";
    }
}
