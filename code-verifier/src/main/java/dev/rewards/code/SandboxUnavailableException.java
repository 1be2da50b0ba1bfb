package dev.rewards.code;

/**
 * The sandbox could not run a job (engine unreachable, image missing, runner anomaly, no container in time): the
 * submission has no verdict and must be retried. {@code saturated} marks a full queue (429) rather than a failure (503).
 */
public class SandboxUnavailableException extends RuntimeException {

    private final boolean saturated;

    public SandboxUnavailableException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public SandboxUnavailableException(String message, boolean saturated, Throwable cause) {
        super(message, cause);
        this.saturated = saturated;
    }

    public boolean saturated() {
        return saturated;
    }
}
