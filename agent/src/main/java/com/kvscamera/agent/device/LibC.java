package com.kvscamera.agent.device;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The three libc calls sd_notify needs. Hand-written because the JDK (17) has no AF_UNIX datagram socket
 * ({@code UnixDomainSocketAddress} works with stream channels only) and systemd reads notifications from a datagram
 * socket; JNA is the smallest way to reach libc (see deployment notes: junixsocket is larger).
 */
interface LibC extends Library {
    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    /** Same value on x86, x86-64, arm and aarch64 Linux: the fd does not leak into the capture process. */
    int SOCK_CLOEXEC = 0x80000;
    /** Never let a full systemd queue block the caller (the caller may be the signaling control thread). */
    int MSG_DONTWAIT = 0x40;
    /** Linux {@code struct sockaddr_un}: 2-byte family + 108-byte path. */
    int SUN_PATH_MAX = 108;

    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** size_t and ssize_t have the width of a C long on Linux (32-bit armhf and 64-bit alike). */
    NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrlen) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
