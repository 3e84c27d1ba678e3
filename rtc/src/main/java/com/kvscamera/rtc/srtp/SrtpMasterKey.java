package com.kvscamera.rtc.srtp;

import java.util.Arrays;

/**
 * One direction's SRTP master key and master salt. {@link #toString()} never prints key material.
 */
public final class SrtpMasterKey {
    private final SrtpProfile profile;
    private final byte[] key;
    private final byte[] salt;

    public SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {
        if (key.length != profile.keyLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.keyLength()
                    + "-byte master key, got " + key.length);
        }
        if (salt.length != profile.saltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.saltLength()
                    + "-byte master salt, got " + salt.length);
        }
        this.profile = profile;
        this.key = key.clone();
        this.salt = salt.clone();
    }

    public SrtpProfile profile() {
        return profile;
    }

    byte[] key() {
        return key;
    }

    byte[] salt() {
        return salt;
    }

    /** Constant-time comparison, for tests that check that both ends derived the same keys. */
    public boolean sameKeyAs(SrtpMasterKey other) {
        return profile == other.profile
                && java.security.MessageDigest.isEqual(key, other.key)
                && java.security.MessageDigest.isEqual(salt, other.salt);
    }

    /** Overwrites the key material; the object is unusable afterwards. */
    void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + ", key=***]";
    }
}
