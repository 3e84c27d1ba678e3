package com.kvscamera.agent.aws;

import com.kvscamera.agent.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A profile of the shared credentials file: {@code AWS_SHARED_CREDENTIALS_FILE} or {@code ~/.aws/credentials};
 * the profile is the configured one, else {@code AWS_PROFILE}, else "default". The file is read on first use and
 * again after {@link #invalidate()}, so rotated keys are picked up after a 403.
 */
public final class ProfileCredentialsProvider implements CredentialsProvider {
    private final Path file;
    private final String profile;
    private volatile Credentials cached;

    /**
     * @param configuredProfile {@code aws.credentials.profile}, or null
     * @param home              the user's home directory (injected for tests)
     */
    public ProfileCredentialsProvider(String configuredProfile, Map<String, String> env, Path home) {
        String fileEnv = env.get("AWS_SHARED_CREDENTIALS_FILE");
        this.file = fileEnv != null && !fileEnv.isBlank() ? Path.of(fileEnv) : home.resolve(".aws").resolve("credentials");
        String p = configuredProfile;
        if (p == null || p.isBlank()) {
            p = env.get("AWS_PROFILE");
        }
        this.profile = p == null || p.isBlank() ? "default" : p.trim();
    }

    public Path file() {
        return file;
    }

    public String profile() {
        return profile;
    }

    @Override
    public Credentials current() throws CredentialsException {
        Credentials c = cached;
        if (c == null) {
            c = read();
            cached = c;
        }
        return c;
    }

    @Override
    public void invalidate() {
        cached = null;
    }

    private Credentials read() throws CredentialsException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CredentialsException("shared credentials file not found: " + file
                    + " (set AWS_SHARED_CREDENTIALS_FILE or create it)");
        } catch (AccessDeniedException e) {
            throw new CredentialsException("shared credentials file is not readable by this user: " + file);
        } catch (IOException e) {
            throw new CredentialsException("cannot read shared credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, Map<String, String>> sections = parse(text);
        Map<String, String> values = sections.get(profile);
        if (values == null) {
            throw new CredentialsException("profile [" + profile + "] not found in " + file
                    + " (profiles there: " + String.join(", ", sections.keySet()) + ")");
        }
        String id = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new CredentialsException("profile [" + profile + "] in " + file + " lacks "
                    + (id == null || id.isEmpty() ? "aws_access_key_id" : "aws_secret_access_key"));
        }
        String token = values.get("aws_session_token");
        return new Credentials(id, new Secret(secret), token == null || token.isEmpty() ? null : new Secret(token), null);
    }

    /** INI sections; "[profile x]" (config-file style) is accepted as "x"; '#' and ';' start comments. */
    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).trim();
                if (name.startsWith("profile ")) {
                    name = name.substring("profile ".length()).trim();
                }
                current = out.computeIfAbsent(name, k -> new LinkedHashMap<>());
            } else if (current != null && line.indexOf('=') > 0) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).trim());
            }
        }
        return out;
    }
}
