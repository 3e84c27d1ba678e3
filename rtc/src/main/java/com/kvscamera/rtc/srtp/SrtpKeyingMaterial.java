package com.kvscamera.rtc.srtp;

/**
 * The two master keys that a DTLS-SRTP handshake yields: the one we protect with (local) and the one
 * we unprotect with (remote).
 */
public record SrtpKeyingMaterial(SrtpMasterKey local, SrtpMasterKey remote) {

    /** Length of the DTLS exporter output (EXTRACTOR-dtls_srtp) for a profile: 2 * (key + salt). */
    public static int exportLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /**
     * Splits the exporter output per RFC 5764 §4.2:
     * client_write_key | server_write_key | client_write_salt | server_write_salt.
     *
     * @param weAreDtlsClient true when this side was the DTLS client (setup:active)
     */
    public static SrtpKeyingMaterial fromDtlsExport(SrtpProfile profile, byte[] material, boolean weAreDtlsClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != 2 * (k + s)) {
            throw new IllegalArgumentException("DTLS-SRTP keying material for " + profile + " must be "
                    + 2 * (k + s) + " bytes, got " + material.length);
        }
        byte[] clientKey = java.util.Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = java.util.Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = java.util.Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = java.util.Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        SrtpMasterKey client = new SrtpMasterKey(profile, clientKey, clientSalt);
        SrtpMasterKey server = new SrtpMasterKey(profile, serverKey, serverSalt);
        java.util.Arrays.fill(clientKey, (byte) 0);
        java.util.Arrays.fill(serverKey, (byte) 0);
        return weAreDtlsClient ? new SrtpKeyingMaterial(client, server) : new SrtpKeyingMaterial(server, client);
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + local.profile() + "]";
    }
}
