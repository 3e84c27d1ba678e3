package com.kvscamera.agent.aws;

/**
 * Credentials could not be obtained. The message names the source and the problem (file, profile, role alias,
 * thing name, HTTP status, TLS failure) and never contains a secret key, token or private key.
 */
public class CredentialsException extends Exception {
    private static final long serialVersionUID = 1L;

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
