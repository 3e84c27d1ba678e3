package com.kvscamera.agent.kvs;

/**
 * What a KVS call (HTTPS or WSS upgrade) came to, as far as recovery is concerned. Produced only by
 * {@link OutcomeClassifier}, so every retry decision in the agent starts from the same classification.
 */
public enum Outcome {
    OK,
    /** 401/403 that is not clock skew: credentials are wrong, expired or lack a permission. */
    UNAUTHORIZED,
    /** 404: channel or endpoint gone; rediscover. */
    NOT_FOUND,
    /** SigV4 "Signature expired"/"Signature not yet current": the local clock is off; the offset was corrected. */
    CLOCK_SKEW,
    /** ClientLimitExceededException or 429: back off. */
    THROTTLED,
    /** 5xx, timeouts, resets, refused connections: retry with backoff. */
    TRANSIENT,
    /** The request itself is wrong (400 InvalidArgument, bad TLS trust, unparsable response): retrying soon will not help. */
    FATAL
}
