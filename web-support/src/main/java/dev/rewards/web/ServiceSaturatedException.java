package dev.rewards.web;

/** The verifier is healthy but its queue is full: answered 429 with {@code Retry-After}, retryable like a 503. */
public class ServiceSaturatedException extends ServiceUnavailableException {

    public ServiceSaturatedException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, retryAfterSeconds, cause);
    }
}
