package com.kvscamera.emulator;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the kvs-emulator command line into {@link EmulatorOptions}; errors name the flag. */
final class CliArgs {
    static final String USAGE = "usage: java -jar kvs-emulator.jar --port 0 --region us-west-2 --access-key-id ID "
            + "--secret-access-key SECRET [--create-channel NAME]... [--tls] [--turn] [--session-ttl 45m] "
            + "[--ice-ttl 300s] [--message-ttl 60s] [--idle-timeout 10m]";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private CliArgs() {
    }

    static EmulatorOptions parse(List<String> args) {
        EmulatorOptions.Builder b = EmulatorOptions.builder();
        boolean sawKey = false;
        boolean sawSecret = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--tls" -> b.tls(true);
                case "--turn" -> b.turn(true);
                case "--port", "--region", "--access-key-id", "--secret-access-key", "--create-channel",
                        "--session-ttl", "--ice-ttl", "--message-ttl", "--idle-timeout", "--account-id" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                    String v = args.get(++i);
                    try {
                        switch (flag) {
                            case "--port" -> b.port(Integer.parseInt(v));
                            case "--region" -> b.region(v);
                            case "--account-id" -> b.accountId(v);
                            case "--access-key-id" -> {
                                b.accessKeyId(v);
                                sawKey = true;
                            }
                            case "--secret-access-key" -> {
                                b.secretAccessKey(v);
                                sawSecret = true;
                            }
                            case "--create-channel" -> b.createChannel(v);
                            case "--session-ttl" -> b.sessionTtl(duration(v));
                            case "--ice-ttl" -> b.iceTtl(duration(v));
                            case "--message-ttl" -> b.messageTtl(duration(v));
                            case "--idle-timeout" -> b.idleTimeout(duration(v));
                            default -> throw new IllegalStateException(flag);
                        }
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(flag + " must be a number, got '" + v + "'");
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(flag + ": " + e.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (!sawKey) {
            throw new IllegalArgumentException("--access-key-id is required");
        }
        if (!sawSecret) {
            throw new IllegalArgumentException("--secret-access-key is required");
        }
        return b.build();
    }

    /** 500ms, 300s, 45m, 1h. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 300s, 45m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
