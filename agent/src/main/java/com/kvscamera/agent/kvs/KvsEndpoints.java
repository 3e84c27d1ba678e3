package com.kvscamera.agent.kvs;

import java.net.URI;

/** Well-known KVS host names (kvs-signaling.md §1.1, §2.2). */
public final class KvsEndpoints {
    private KvsEndpoints() {}

    static String domain(String region) {
        return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }

    /** {@code https://kinesisvideo.<region>.amazonaws.com} (".com.cn" in China regions). */
    public static URI controlPlane(String region) {
        return URI.create("https://kinesisvideo." + region + "." + domain(region));
    }

    /** The regional STUN server KVS clients add themselves; GetIceServerConfig returns only TURN. */
    public static String regionalStun(String region) {
        return "stun:stun.kinesisvideo." + region + "." + domain(region) + ":443";
    }

    /** True when {@code endpoint} is the real AWS service, i.e. the regional STUN server is reachable for its users. */
    public static boolean isRealAws(URI endpoint) {
        String host = endpoint.getHost();
        return host != null && (host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn"));
    }
}
