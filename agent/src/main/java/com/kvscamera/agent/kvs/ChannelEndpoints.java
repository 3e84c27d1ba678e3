package com.kvscamera.agent.kvs;

import java.net.URI;

/** A channel's ARN and its MASTER endpoints from GetSignalingChannelEndpoint. */
public record ChannelEndpoints(String channelArn, URI wss, URI https) {}
