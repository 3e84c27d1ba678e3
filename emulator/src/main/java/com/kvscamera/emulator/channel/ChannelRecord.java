package com.kvscamera.emulator.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One signaling channel as the control plane describes it. Owned by the router thread. */
public final class ChannelRecord {
    private final String name;
    private final String arn;
    private final String type;
    private final Instant creationTime;
    private final List<Map.Entry<String, String>> tags;
    private Duration messageTtl;
    private String version;

    ChannelRecord(String name, String arn, String type, Instant creationTime, Duration messageTtl, String version,
                  List<Map.Entry<String, String>> tags) {
        this.name = name;
        this.arn = arn;
        this.type = type;
        this.creationTime = creationTime;
        this.messageTtl = messageTtl;
        this.version = version;
        this.tags = List.copyOf(tags);
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public String type() {
        return type;
    }

    public Instant creationTime() {
        return creationTime;
    }

    public Duration messageTtl() {
        return messageTtl;
    }

    public String version() {
        return version;
    }

    public List<Map.Entry<String, String>> tags() {
        return tags;
    }

    void update(Duration newTtl, String newVersion) {
        this.messageTtl = newTtl;
        this.version = newVersion;
    }
}
