package dev.rewards.gateway;

import java.util.Map;

/**
 * {@code reward = Σ weight × score} over the profile's components. A component that is unavailable makes the
 * reward null (never a fabricated number); one whose score is null by nature counts as the profile's
 * {@code nullScore}, or makes the reward null when that is unset. A component the sample does not have (accuracy
 * of a task {@code none}) is left out.
 */
public final class Composition {

    private Composition() {
    }

    public static Double reward(Profile profile, Map<String, Double> weights, Map<String, ComponentResult> components) {
        double reward = 0;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            ComponentResult component = components.get(weight.getKey());
            if (component == null) {
                continue;
            }
            if (component.isUnavailable()) {
                return null;
            }
            Double score = component.score() != null ? component.score() : profile.nullScore();
            if (score == null) {
                return null;
            }
            reward += weight.getValue() * score;
        }
        return reward;
    }
}
