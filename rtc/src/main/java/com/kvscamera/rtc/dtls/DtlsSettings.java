package com.kvscamera.rtc.dtls;

import com.kvscamera.rtc.srtp.SrtpProfile;
import java.time.Duration;
import java.util.List;

/**
 * DTLS-SRTP knobs. Errors name the setting, as in the agent's configuration.
 *
 * @param mtu largest datagram we send; BC fragments handshake messages to fit (1200 leaves room for
 *     IPv6 + TURN ChannelData + TCP framing under a 1280-byte path)
 * @param handshakeTimeout whole-handshake deadline, after which start() fails
 * @param initialRetransmit first handshake retransmission timeout; BC doubles it up to 60 s
 * @param srtpProfiles profiles in our preference order. As client we offer them in this order; as server we
 *     pick the first one in the CLIENT's list that we support, because browsers list the profile they want first
 *     (libwebrtc offers AEAD_AES_128_GCM ahead of AES_CM_128_HMAC_SHA1_80).
 * @param helloVerifyCookies send a HelloVerifyRequest as server. Off by default: ICE has already verified the
 *     peer's address, so the cookie exchange only costs a round trip.
 * @param receiveQueue datagrams buffered for the DTLS thread; more are dropped and counted
 */
public record DtlsSettings(int mtu, Duration handshakeTimeout, Duration initialRetransmit,
                           List<SrtpProfile> srtpProfiles, boolean helloVerifyCookies, int receiveQueue) {
    public static final int DEFAULT_MTU = 1200;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_INITIAL_RETRANSMIT = Duration.ofMillis(500);
    public static final int DEFAULT_RECEIVE_QUEUE = 64;
    /** Smallest MTU for which BC can still fragment a handshake (13-byte record + 12-byte fragment header). */
    public static final int MIN_MTU = 100;

    public DtlsSettings {
        if (mtu < MIN_MTU || mtu > 16384) {
            throw new IllegalArgumentException("'dtls.mtu' must be between " + MIN_MTU + " and 16384 (was " + mtu + ")");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("'dtls.handshakeTimeout' must be positive (was " + handshakeTimeout + ")");
        }
        if (initialRetransmit.toMillis() < 10 || initialRetransmit.compareTo(handshakeTimeout) >= 0) {
            throw new IllegalArgumentException("'dtls.initialRetransmit' must be at least 10 ms and below "
                    + "'dtls.handshakeTimeout' (was " + initialRetransmit + ")");
        }
        if (srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("'dtls.srtpProfiles' must name at least one profile");
        }
        srtpProfiles = List.copyOf(srtpProfiles);
        if (receiveQueue < 4) {
            throw new IllegalArgumentException("'dtls.receiveQueue' must be at least 4 (was " + receiveQueue + ")");
        }
    }

    public static DtlsSettings defaults() {
        return new DtlsSettings(DEFAULT_MTU, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_INITIAL_RETRANSMIT,
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80), false,
                DEFAULT_RECEIVE_QUEUE);
    }

    public DtlsSettings withMtu(int v) {
        return new DtlsSettings(v, handshakeTimeout, initialRetransmit, srtpProfiles, helloVerifyCookies, receiveQueue);
    }

    public DtlsSettings withHandshakeTimeout(Duration v) {
        return new DtlsSettings(mtu, v, initialRetransmit, srtpProfiles, helloVerifyCookies, receiveQueue);
    }

    public DtlsSettings withInitialRetransmit(Duration v) {
        return new DtlsSettings(mtu, handshakeTimeout, v, srtpProfiles, helloVerifyCookies, receiveQueue);
    }

    public DtlsSettings withSrtpProfiles(List<SrtpProfile> v) {
        return new DtlsSettings(mtu, handshakeTimeout, initialRetransmit, v, helloVerifyCookies, receiveQueue);
    }

    public DtlsSettings withHelloVerifyCookies(boolean v) {
        return new DtlsSettings(mtu, handshakeTimeout, initialRetransmit, srtpProfiles, v, receiveQueue);
    }
}
