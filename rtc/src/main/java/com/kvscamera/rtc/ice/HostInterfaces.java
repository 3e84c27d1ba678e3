package com.kvscamera.rtc.ice;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Picks the addresses that become host candidates. */
final class HostInterfaces {
    // Container and VM bridges: their addresses are unreachable from a viewer and only add useless pairs.
    private static final List<String> VIRTUAL_PREFIXES = List.of("docker", "br-", "veth", "virbr", "cni", "flannel",
            "cali", "vxlan", "tun", "tap", "zt", "lxc", "lxd", "kube", "podman", "ifb");

    private HostInterfaces() {}

    /** IPv4 only: the one socket per session is IPv4, and every viewer we target offers IPv4 candidates. */
    static List<InetAddress> list(IceOptions o) throws SocketException {
        List<InetAddress> out = new ArrayList<>();
        List<InetAddress> loopback = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            String name = ni.getName().toLowerCase(Locale.ROOT);
            if (!o.interfaces().isEmpty() && !o.interfaces().contains(ni.getName())) continue;
            if (!ni.isUp()) continue;
            if (o.interfaces().isEmpty() && VIRTUAL_PREFIXES.stream().anyMatch(name::startsWith)) continue;
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (!(a instanceof Inet4Address) || a.isLinkLocalAddress() || a.isAnyLocalAddress()) continue;
                if (a.isLoopbackAddress()) {
                    if (o.allowLoopback()) loopback.add(a);
                    continue;
                }
                out.add(a);
            }
        }
        // Loopback first when allowed: tests on one machine want the 127.0.0.1 pair checked before others.
        loopback.addAll(out);
        return loopback;
    }
}
