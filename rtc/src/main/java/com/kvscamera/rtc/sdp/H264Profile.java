package com.kvscamera.rtc.sdp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * H.264 profiles as WebRTC stacks classify a {@code profile-level-id}: RFC 6184 §8.1 profile_idc plus the
 * profile-iop (constraint flag) byte. The classification table is the one in libwebrtc's
 * {@code api/video_codecs/h264_profile_level_id.cc} ({@code kProfilePatterns}), so "same profile" here means
 * what {@code H264IsSameProfile} means to Chrome: levels are ignored.
 */
public enum H264Profile {
    CONSTRAINED_BASELINE, BASELINE, MAIN, CONSTRAINED_HIGH, HIGH, PREDICTIVE_HIGH_444;

    /** profile_idc, pattern over the iop byte ('x' = either), profile; first match wins, as in libwebrtc. */
    private static final Object[][] PATTERNS = {
        {0x42, "x1xx0000", CONSTRAINED_BASELINE},
        {0x4D, "1xxx0000", CONSTRAINED_BASELINE},
        {0x58, "11xx0000", CONSTRAINED_BASELINE},
        {0x42, "x0xx0000", BASELINE},
        {0x58, "10xx0000", BASELINE},
        {0x4D, "0x0x0000", MAIN},
        {0x64, "00000000", HIGH},
        {0x64, "00001100", CONSTRAINED_HIGH},
        {0xF4, "00000000", PREDICTIVE_HIGH_444},
    };

    /** The profile of a profile_idc / profile-iop pair, or null when WebRTC does not know it. */
    public static H264Profile of(int profileIdc, int profileIop) {
        for (Object[] p : PATTERNS) {
            if ((int) p[0] == profileIdc && matches((String) p[1], profileIop & 0xFF)) return (H264Profile) p[2];
        }
        return null;
    }

    /** The profile of a 3-byte profile-level-id (profile_idc, iop, level_idc), or null. */
    public static H264Profile of(byte[] profileLevelId) {
        if (profileLevelId == null || profileLevelId.length != 3) return null;
        return of(profileLevelId[0] & 0xFF, profileLevelId[1] & 0xFF);
    }

    /** Parses the 6-hex-digit fmtp value; null when it is not 6 hex digits. */
    public static byte[] parseProfileLevelId(String hex) {
        if (hex == null || !hex.trim().matches("(?i)[0-9a-f]{6}")) return null;
        return HexFormat.of().parseHex(hex.trim().toLowerCase(Locale.ROOT));
    }

    public static String toHex(byte[] profileLevelId) {
        return HexFormat.of().formatHex(profileLevelId);
    }

    /**
     * Whether a stream of this profile can be sent to a receiver that negotiated {@code other}: the same
     * profile, or the other member of a constrained/unconstrained pair. A constrained-baseline stream is a valid
     * baseline stream, and encoders label the same bitstream either way (rpicam-vid and x264 write 42c0/42e0,
     * some hardware encoders 4200), so Chrome's 42001f and 42e01f entries are both acceptable for it.
     */
    public boolean compatibleWith(H264Profile other) {
        if (other == this) return true;
        return family() == other.family() && family() != null;
    }

    private H264Profile family() {
        return switch (this) {
            case CONSTRAINED_BASELINE, BASELINE -> BASELINE;
            case CONSTRAINED_HIGH, HIGH -> HIGH;
            default -> null;
        };
    }

    private static boolean matches(String pattern, int value) {
        for (int bit = 0; bit < 8; bit++) {
            char c = pattern.charAt(bit);
            int v = (value >>> (7 - bit)) & 1;
            if (c == '1' && v != 1) return false;
            if (c == '0' && v != 0) return false;
        }
        return true;
    }
}
