package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/** The use_srtp extension (RFC 5764 §4.1): what we offer, and which profile the two sides end up with. */
final class SrtpNegotiation {
    private SrtpNegotiation() {
    }

    static UseSRTPData offer(List<SrtpProfile> ours) {
        int[] ids = ours.stream().mapToInt(SrtpProfile::dtlsId).toArray();
        return new UseSRTPData(ids, TlsUtils.EMPTY_BYTES);
    }

    static UseSRTPData answer(SrtpProfile chosen) {
        return new UseSRTPData(new int[] {chosen.dtlsId()}, TlsUtils.EMPTY_BYTES);
    }

    /** As server: the first profile in the client's order that we support (browsers put their preference first). */
    static SrtpProfile selectAsServer(UseSRTPData offered, List<SrtpProfile> ours, String peer) throws TlsFatalAlert {
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "peer " + peer + " did not offer the use_srtp extension; WebRTC media needs DTLS-SRTP");
        }
        for (int id : offered.getProtectionProfiles()) {
            Optional<SrtpProfile> p = SrtpProfile.fromDtlsId(id);
            if (p.isPresent() && ours.contains(p.get())) {
                return p.get();
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP profile with peer " + peer
                + ": it offered " + hex(offered.getProtectionProfiles()) + ", we support " + ours);
    }

    /** As client: the server must pick exactly one of the profiles we offered. */
    static SrtpProfile acceptAsClient(UseSRTPData answered, List<SrtpProfile> ours, String peer) throws TlsFatalAlert {
        if (answered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "peer " + peer + " did not accept use_srtp; WebRTC media needs DTLS-SRTP");
        }
        int[] ids = answered.getProtectionProfiles();
        if (ids.length != 1) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "peer " + peer
                    + " answered use_srtp with " + ids.length + " profiles; RFC 5764 requires exactly one");
        }
        Optional<SrtpProfile> p = SrtpProfile.fromDtlsId(ids[0]);
        if (p.isEmpty() || !ours.contains(p.get())) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "peer " + peer
                    + " selected SRTP profile " + hex(ids) + " which we did not offer (" + ours + ")");
        }
        return p.get();
    }

    private static List<String> hex(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(String.format("0x%04x", id));
        }
        return out;
    }
}
