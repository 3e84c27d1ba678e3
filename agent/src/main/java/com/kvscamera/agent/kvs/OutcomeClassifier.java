package com.kvscamera.agent.kvs;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;

/**
 * The single retry classifier (style: OkHttp's isRecoverable). Every KVS response or failure, HTTPS or
 * WSS upgrade, becomes one {@link Outcome}; recovery policy lives in the signaling lifecycle table.
 */
public final class OutcomeClassifier {
    private OutcomeClassifier() {}

    /** Classifies an HTTP response. {@code errorType} is the x-amzn-ErrorType header or __type (may be null). */
    public static Outcome classify(int status, String errorType, String body) {
        if (status >= 200 && status < 300) {
            return Outcome.OK;
        }
        String type = errorType == null ? "" : errorType;
        String text = body == null ? "" : body;
        if (isClockSkew(text)) {
            return Outcome.CLOCK_SKEW;
        }
        if (status == 401 || status == 403) {
            return Outcome.UNAUTHORIZED;
        }
        if (status == 404) {
            return Outcome.NOT_FOUND;
        }
        if (status == 429 || type.startsWith("ClientLimitExceeded") || type.startsWith("Throttling")) {
            return Outcome.THROTTLED;
        }
        if (status == 408 || status >= 500) {
            return Outcome.TRANSIENT;
        }
        if (type.startsWith("ResourceInUse")) {
            // CreateSignalingChannel racing another creator, or a channel still CREATING: describe again later
            return Outcome.TRANSIENT;
        }
        return Outcome.FATAL;
    }

    /** True for the two SigV4 front-end messages that mean "your clock is wrong" (substring match like the C SDK). */
    public static boolean isClockSkew(String body) {
        return body != null && (body.contains("Signature expired") || body.contains("Signature not yet current"));
    }

    /** Classifies a failure that produced no HTTP response. */
    public static Outcome classify(Throwable failure) {
        if (failure instanceof KvsCallException k) {
            return k.outcome();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof CertificateException) {
                String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                // a certificate "not yet valid" on a Pi without RTC is a clock problem that NTP will fix: keep retrying
                if (m.contains("not yet valid") || m.contains("expired")) {
                    return Outcome.TRANSIENT;
                }
                if (m.contains("certificate") || m.contains("pkix") || m.contains("no subject alternative")) {
                    return Outcome.FATAL;
                }
            }
        }
        if (failure instanceof HttpTimeoutException || failure instanceof ConnectException
                || failure instanceof IOException) {
            return Outcome.TRANSIENT;
        }
        return Outcome.TRANSIENT;
    }

    /** Outcome of a failed WebSocket upgrade, whose only evidence is the HTTP status (the body is not exposed). */
    public static Outcome classifyUpgrade(int status) {
        if (status <= 0) {
            return Outcome.TRANSIENT;
        }
        if (status == 400) {
            // 400 on ConnectAsMaster is almost always the 3 TPS connect throttle; the ARN itself came from describe
            return Outcome.THROTTLED;
        }
        return classify(status, null, null);
    }
}
