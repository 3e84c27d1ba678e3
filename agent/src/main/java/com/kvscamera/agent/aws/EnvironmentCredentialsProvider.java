package com.kvscamera.agent.aws;

import com.kvscamera.agent.config.Secret;
import java.util.Map;

/** {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} from an injected environment. */
public final class EnvironmentCredentialsProvider implements CredentialsProvider {
    private final Map<String, String> env;

    public EnvironmentCredentialsProvider(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Credentials current() throws CredentialsException {
        String id = value("AWS_ACCESS_KEY_ID");
        String secret = value("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            throw new CredentialsException("aws.credentials.source is environment, but "
                    + (id == null ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is not set");
        }
        return new Credentials(id, new Secret(secret), Secret.ofNullable(value("AWS_SESSION_TOKEN")), null);
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    @Override
    public void invalidate() {
        // the environment of a running process does not change
    }
}
