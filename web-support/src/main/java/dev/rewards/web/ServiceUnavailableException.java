package dev.rewards.web;

/**
 * The verifier itself could not produce a verdict (engine down, deadline of the service exceeded, circuit open).
 * Answered as 503 so that a trainer retries instead of recording a zero reward.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public ServiceUnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ServiceUnavailableException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
