package com.kvscamera.agent.session;

import com.kvscamera.agent.media.AccessUnit;

/** The RTP/RTCP half of a session: packetize, protect, pace; answer NACK/PLI/FIR; send reports. */
public interface VideoSender {
    void sendFrame(AccessUnit frame);

    /** A decrypted RTCP compound packet from the viewer. Returns true when it said BYE. */
    boolean onRtcp(byte[] packet, int offset, int length);

    /** Sends SR + SDES now; called about once a second. */
    void sendReport();

    /** Sends BYE and frees buffers. */
    void close();

    @FunctionalInterface
    interface Factory {
        VideoSender create(String clientId, int payloadType, long ssrc, String cname, PeerTransport transport, SessionStats stats,
                           Runnable keyframeRequest);
    }
}
