package com.kvscamera.emulator.signaling;

import com.kvscamera.emulator.api.ApiException;

import java.time.Clock;

/**
 * The documented hard quotas a master runs into when it (re)connects (kvswebrtc-limits; kvs-signaling.md §7):
 * DescribeSignalingChannel 5 TPS per channel and 300 TPS per account, GetSignalingChannelEndpoint 300 TPS per
 * account, GetIceServerConfig 5 TPS per channel and 100 TPS per account. The per-channel windows live on the
 * channel's hub. Counted on the injected clock; router thread only.
 */
final class ControlPlaneLimits {
    static final int DESCRIBE_PER_CHANNEL = 5;
    static final int DESCRIBE_PER_ACCOUNT = 300;
    static final int ENDPOINT_PER_ACCOUNT = 300;
    static final int ICE_CONFIG_PER_CHANNEL = 5;
    static final int ICE_CONFIG_PER_ACCOUNT = 100;

    private final RateWindow describes;
    private final RateWindow endpoints;
    private final RateWindow iceConfigs;

    ControlPlaneLimits(Clock clock) {
        this.describes = new RateWindow(DESCRIBE_PER_ACCOUNT, clock);
        this.endpoints = new RateWindow(ENDPOINT_PER_ACCOUNT, clock);
        this.iceConfigs = new RateWindow(ICE_CONFIG_PER_ACCOUNT, clock);
    }

    void describe(ChannelHub hub) {
        // the account's window is only charged for calls the channel's window lets through
        if (!hub.describes.tryAcquire()) {
            throw exceeded("DescribeSignalingChannel", DESCRIBE_PER_CHANNEL, "channel");
        }
        if (!describes.tryAcquire()) {
            throw exceeded("DescribeSignalingChannel", DESCRIBE_PER_ACCOUNT, "account");
        }
    }

    void getEndpoint() {
        if (!endpoints.tryAcquire()) {
            throw exceeded("GetSignalingChannelEndpoint", ENDPOINT_PER_ACCOUNT, "account");
        }
    }

    void iceConfig(ChannelHub hub) {
        if (!hub.iceConfigs.tryAcquire()) {
            throw exceeded("GetIceServerConfig", ICE_CONFIG_PER_CHANNEL, "channel");
        }
        if (!iceConfigs.tryAcquire()) {
            throw exceeded("GetIceServerConfig", ICE_CONFIG_PER_ACCOUNT, "account");
        }
    }

    private static ApiException exceeded(String operation, int limit, String scope) {
        return ApiException.limitExceeded(operation + " rate exceeded: " + limit + " per second per " + scope);
    }
}
