package com.kvscamera.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** How to start a {@link KvsEmulator}. Build with {@link #builder()}; every setting is validated by name. */
public final class EmulatorOptions {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    private final int port;
    private final String region;
    private final String accountId;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final List<String> channels;
    private final Duration sessionTtl;
    private final Duration iceTtl;
    private final Duration messageTtl;
    private final Duration idleTimeout;
    private final Duration goAwayGrace;
    private final boolean tls;
    private final boolean turn;
    private final Clock clock;

    private EmulatorOptions(Builder b) {
        this.port = b.port;
        this.region = b.region;
        this.accountId = b.accountId;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.channels = List.copyOf(b.channels);
        this.sessionTtl = b.sessionTtl;
        this.iceTtl = b.iceTtl;
        this.messageTtl = b.messageTtl;
        this.idleTimeout = b.idleTimeout;
        this.goAwayGrace = b.goAwayGrace;
        this.tls = b.tls;
        this.turn = b.turn;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public List<String> channels() {
        return channels;
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    public Duration iceTtl() {
        return iceTtl;
    }

    public Duration messageTtl() {
        return messageTtl;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration goAwayGrace() {
        return goAwayGrace;
    }

    public boolean tls() {
        return tls;
    }

    public boolean turn() {
        return turn;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "EmulatorOptions[port=" + port + ", region=" + region + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=<redacted>, channels=" + channels + ", sessionTtl=" + sessionTtl + ", iceTtl="
                + iceTtl + ", messageTtl=" + messageTtl + ", tls=" + tls + ", turn=" + turn + "]";
    }

    public static final class Builder {
        private int port = 0;
        private String region = "us-west-2";
        private String accountId = "123456789012";
        private String accessKeyId = "AKIDEXAMPLE";
        private String secretAccessKey;
        private final List<String> channels = new ArrayList<>();
        private Duration sessionTtl = Duration.ofMinutes(45);
        private Duration iceTtl = Duration.ofSeconds(300);
        private Duration messageTtl = Duration.ofSeconds(60);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration goAwayGrace = Duration.ofMinutes(1);
        private boolean tls;
        private boolean turn;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder region(String region) {
            if (region == null || !region.matches("[a-z0-9-]{1,32}")) {
                throw new IllegalArgumentException("region must match [a-z0-9-]{1,32}, got '" + region + "'");
            }
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            if (accountId == null || !accountId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException("accountId must be 12 digits, got '" + accountId + "'");
            }
            this.accountId = accountId;
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new IllegalArgumentException("accessKeyId must not be empty");
            }
            this.accessKeyId = accessKeyId;
            return this;
        }

        public Builder secretAccessKey(String secretAccessKey) {
            if (secretAccessKey == null || secretAccessKey.isEmpty()) {
                throw new IllegalArgumentException("secretAccessKey must not be empty");
            }
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        /** A channel that exists from the start (repeatable). */
        public Builder createChannel(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("createChannel name must match [a-zA-Z0-9_.-]{1,256}, got '"
                        + name + "'");
            }
            channels.add(name);
            return this;
        }

        /** How long a WebSocket connection may live before the emulator closes it with 1001 (default 45 min). */
        public Builder sessionTtl(Duration ttl) {
            this.sessionTtl = positive("sessionTtl", ttl);
            return this;
        }

        /** The Ttl of TURN credentials in GetIceServerConfig (default 300 s). */
        public Builder iceTtl(Duration ttl) {
            this.iceTtl = positive("iceTtl", ttl);
            if (ttl.toSeconds() < 1) {
                throw new IllegalArgumentException("iceTtl must be at least 1 s, got " + ttl);
            }
            return this;
        }

        /** MessageTtlSeconds of channels created without one (default 60 s; tests may go below the API's 5 s). */
        public Builder messageTtl(Duration ttl) {
            this.messageTtl = positive("messageTtl", ttl);
            return this;
        }

        /** Connections without inbound traffic for this long are closed with 1001 (default 10 min). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /** Time between an injected GO_AWAY and the forced close (default 1 min). */
        public Builder goAwayGrace(Duration grace) {
            this.goAwayGrace = positive("goAwayGrace", grace);
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder turn(boolean turn) {
            this.turn = turn;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public EmulatorOptions build() {
            if (secretAccessKey == null) {
                throw new IllegalArgumentException("secretAccessKey is required");
            }
            return new EmulatorOptions(this);
        }

        private static Duration positive(String key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
            }
            return d;
        }
    }
}
