package dev.rewards.gateway;

import java.util.Map;

/**
 * One component of a sample's reward. {@code status} is the verifier's own status (correct, accepted, valid, …),
 * {@code not_applicable} when the component has nothing to judge (language consistency of a chain of thought without
 * a countable word — it then counts as fully consistent, see {@link Composition}), or {@code unavailable} when the
 * verifier could not be reached — never confused with a wrong answer.
 */
public record ComponentResult(Double score, String status, Object detail) {

    public static final String NOT_APPLICABLE = "not_applicable";
    public static final String UNAVAILABLE = "unavailable";

    public static ComponentResult unavailable(String reason) {
        return new ComponentResult(null, UNAVAILABLE, Map.of("error", reason));
    }

    public boolean isUnavailable() {
        return UNAVAILABLE.equals(status);
    }

    public boolean isNotApplicable() {
        return NOT_APPLICABLE.equals(status);
    }
}
