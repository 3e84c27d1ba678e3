package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpKeyingMaterial;
import com.kvscamera.rtc.srtp.SrtpProfile;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;

/**
 * What the BC peer callbacks learn during one association, read by the endpoint's thread. Written on the DTLS
 * thread (BC calls back on it); volatile so that stats readers see it too.
 */
final class HandshakeResult {
    private volatile SrtpKeyingMaterial keys;
    private volatile boolean closeNotifyReceived;
    private volatile String cipherSuite = "?";

    /** Exports EXTRACTOR-dtls_srtp while BC still holds the master secret (RFC 5764 §4.2). */
    void exportKeys(TlsContext context, SrtpProfile profile, boolean weAreClient) {
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                SrtpKeyingMaterial.exportLength(profile));
        keys = SrtpKeyingMaterial.fromDtlsExport(profile, material, weAreClient);
        java.util.Arrays.fill(material, (byte) 0);
        cipherSuite = String.format("0x%04x", context.getSecurityParameters().getCipherSuite());
    }

    void alertReceived(short level, short description) {
        if (level == AlertLevel.warning && description == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
    }

    SrtpKeyingMaterial keys() {
        return keys;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    String cipherSuite() {
        return cipherSuite;
    }
}
