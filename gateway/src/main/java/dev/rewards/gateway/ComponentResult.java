package dev.rewards.gateway;

/**
 * One component of a sample's reward. {@code status} is the verifier's own status (correct, accepted, valid, …),
 * or {@code unavailable} when the verifier could not be reached — never confused with a wrong answer.
 */
public record ComponentResult(Double score, String status, Object detail) {

    public static ComponentResult unavailable(String reason) {
        return new ComponentResult(null, "unavailable", java.util.Map.of("error", reason));
    }

    public boolean isUnavailable() {
        return "unavailable".equals(status);
    }
}
