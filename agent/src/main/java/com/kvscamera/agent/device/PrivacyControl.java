package com.kvscamera.agent.device;

/** Where the privacy switch acts: {@code SessionManager::setPrivacy} (refuse offers and close sessions, or accept). */
@FunctionalInterface
public interface PrivacyControl {
    void setPrivacy(boolean on);
}
