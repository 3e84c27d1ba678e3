package com.kvscamera.emulator.channel;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Channels by name and ARN. Not thread-safe: only the router thread touches it. */
public final class ChannelRegistry {
    private static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final String region;
    private final String accountId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ChannelRecord> byName = new LinkedHashMap<>();

    public ChannelRegistry(String region, String accountId, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    /** Returns empty when the name is taken. */
    public Optional<ChannelRecord> create(String name, String type, Duration messageTtl,
                                          List<Map.Entry<String, String>> tags) {
        if (byName.containsKey(name)) {
            return Optional.empty();
        }
        var now = clock.instant();
        String arn = "arn:aws:kinesisvideo:" + region + ":" + accountId + ":channel/" + name + "/" + now.toEpochMilli();
        ChannelRecord record = new ChannelRecord(name, arn, type, now, messageTtl, newVersion(), tags);
        byName.put(name, record);
        return Optional.of(record);
    }

    public Optional<ChannelRecord> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<ChannelRecord> byArn(String arn) {
        for (ChannelRecord r : byName.values()) {
            if (r.arn().equals(arn)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public void remove(ChannelRecord record) {
        byName.remove(record.name());
    }

    public void update(ChannelRecord record, Duration messageTtl) {
        record.update(messageTtl, newVersion());
    }

    public Collection<ChannelRecord> all() {
        return new ArrayList<>(byName.values());
    }

    private String newVersion() {
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            sb.append(ALNUM[random.nextInt(ALNUM.length)]);
        }
        return sb.toString();
    }
}
