package com.kvscamera.rtc.sdp;

import java.util.List;

/**
 * The remote side's transport parameters for the accepted (bundled) m-section.
 *
 * @param setup      the offered a=setup, or null when absent
 * @param candidates candidates written in that m-section (all components; the ICE agent keeps component 1
 *                   because we require rtcp-mux)
 */
public record RemoteTransport(String iceUfrag, String icePwd, Fingerprint fingerprint, DtlsSetup setup,
                              List<SdpCandidate> candidates, boolean iceLite) {
}
