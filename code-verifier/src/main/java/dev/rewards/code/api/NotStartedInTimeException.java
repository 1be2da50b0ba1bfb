package dev.rewards.code.api;

import dev.rewards.web.ServiceUnavailableException;

/** A run could not start within its own time budget: nothing ran, the caller should retry (504 on /run_code). */
final class NotStartedInTimeException extends ServiceUnavailableException {

    NotStartedInTimeException(String message, int retryAfterSeconds, Throwable cause) {
        super(message, retryAfterSeconds, cause);
    }
}
