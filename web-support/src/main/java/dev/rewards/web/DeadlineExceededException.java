package dev.rewards.web;

/**
 * The service ran out of its time for this request. Still a 503 (the verifier failed, not the answer), but marked
 * {@code "reason": "deadline_exceeded"} in the problem so that a caller with one time budget does not spend another
 * attempt on work that just used all of it.
 */
public class DeadlineExceededException extends ServiceUnavailableException {

    public static final String REASON = "deadline_exceeded";

    public DeadlineExceededException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, retryAfterSeconds, cause);
    }
}
