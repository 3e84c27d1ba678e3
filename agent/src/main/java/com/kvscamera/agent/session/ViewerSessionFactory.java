package com.kvscamera.agent.session;

/** Makes the session for one offer; it reports its life through {@code listener}. */
@FunctionalInterface
public interface ViewerSessionFactory {
    ViewerSession create(String clientId, String offerSdp, AnswerSink out, SessionListener listener);
}
