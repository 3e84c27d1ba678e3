package com.kvscamera.agent.session;

import com.kvscamera.agent.signaling.SignalingOut;
/** Makes the session for one offer; it reports its life through {@code listener}. */
@FunctionalInterface
public interface ViewerSessionFactory {
    ViewerSession create(String clientId, String offerSdp, SignalingOut out, SessionListener listener);
}
