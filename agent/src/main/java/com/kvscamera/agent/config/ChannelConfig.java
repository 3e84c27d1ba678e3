package com.kvscamera.agent.config;

/**
 * @param arn    channel ARN when known (skips DescribeSignalingChannel), or null
 * @param create create the channel when it does not exist
 */
public record ChannelConfig(String name, String arn, boolean create) {
}
