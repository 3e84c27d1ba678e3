package com.kvscamera.emulator;

/**
 * Where the emulator's coturn listens and the shared secret its credentials are derived from.
 *
 * @param udpPort  plain TURN over UDP
 * @param tcpPort  plain TURN over TCP (coturn serves both on its listening port)
 * @param tlsPort  TURN over TLS (and DTLS), 0 when TLS is off
 */
public record TurnServerInfo(String host, int udpPort, int tcpPort, int tlsPort, String sharedSecret, String realm) {
    @Override
    public String toString() {
        return "TurnServerInfo[host=" + host + ", udpPort=" + udpPort + ", tcpPort=" + tcpPort + ", tlsPort=" + tlsPort
                + ", realm=" + realm + ", sharedSecret=<redacted>]";
    }
}
