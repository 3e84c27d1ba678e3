package com.kvscamera.emulator.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN REST API (time-limited) credentials, the scheme coturn's use-auth-secret checks and KVS hands out:
 * username {@code <expiryEpochSeconds>:<id>}, password base64(HMAC-SHA1(secret, username)).
 */
public record TurnCredentials(String username, String password, long expiresAtEpochSecond) {

    public static TurnCredentials issue(String secret, Duration ttl, String id, Clock clock) {
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String username = expiry + ":" + id;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            return new TurnCredentials(username, password, expiry);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "TurnCredentials[username=" + username + ", password=<redacted>]";
    }
}
