package com.kvscamera.testkit;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webrtc-java factory per JVM, reference-counted. A factory starts three native threads, and its signaling
 * thread is non-daemon: without {@code dispose()} the JVM never exits (webrtc-java-notes.md §4). The
 * HeadlessAudioDeviceModule works with no sound card; the factory must never be created without an ADM,
 * which aborts the process on a box without audio devices.
 */
final class SharedPeerConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SharedPeerConnectionFactory.class);
    private static PeerConnectionFactory factory;
    private static HeadlessAudioDeviceModule adm;
    private static int users;

    private SharedPeerConnectionFactory() {}

    static synchronized PeerConnectionFactory acquire() {
        if (factory == null) {
            adm = new HeadlessAudioDeviceModule();
            factory = new PeerConnectionFactory(adm);
        }
        users++;
        return factory;
    }

    static synchronized void release() {
        if (--users > 0) return;
        try {
            factory.dispose();
        } catch (Error e) { // 0.14.0 throws Error when native references remain (leaked PCs)
            LOG.warn("webrtc-java factory dispose: {}", e.getMessage());
        }
        try {
            adm.dispose();
        } catch (Error e) {
            LOG.warn("webrtc-java ADM dispose: {}", e.getMessage());
        }
        factory = null;
        adm = null;
    }
}
