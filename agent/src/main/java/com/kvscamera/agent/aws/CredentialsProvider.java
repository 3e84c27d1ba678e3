package com.kvscamera.agent.aws;

/** Supplies the credentials to sign requests with. Implementations are thread-safe. */
public interface CredentialsProvider {
    /**
     * The current credentials. Cached: a provider fetches only when it has none or they are near expiry, so
     * callers may call this before every request.
     */
    Credentials current() throws CredentialsException;

    /** Drops the cached credentials, for example after a 401/403, so that the next {@link #current()} refetches. */
    void invalidate();
}
