package com.kvscamera.agent.session;

import java.util.List;

/** Makes the transport for one session from the offer's ICE and DTLS parameters. */
@FunctionalInterface
public interface PeerTransportFactory {
    /**
     * @param dtlsServer true when the answer says {@code a=setup:passive} (the viewer starts the handshake)
     */
    PeerTransport create(String clientId, String remoteUfrag, String remotePwd, String remoteFingerprint,
                         boolean dtlsServer, List<String> remoteCandidates);
}
