package dev.rewards.gateway;

import java.util.Map;

/**
 * {@code reward = Σ weight × score} over the profile's components — one rule for every endpoint and adapter.
 * <ul>
 * <li><b>Not applicable</b> (language consistency when the reasoning has no countable word, e.g.
 * {@code <think>2+2=4</think>}): the component counts as fully consistent, score 1. GRPO normalises rewards within
 * a group of completions of one prompt, so every sample of a group must be scored on the same scale: dropping the
 * component (and its weight) would give a formulas-only chain of thought a lower ceiling (2.0) than its siblings
 * (2.1) — a penalty for terse reasoning — and renormalising the others would inflate it instead. A chain of thought
 * without words mixes no languages, so "fully consistent" is also the literal reading; it earns nothing a consistent
 * chain of thought would not earn, so there is nothing to hack.</li>
 * <li><b>Cannot be scored</b> (a component whose score is null by nature — invalid gold — or a verifier that is
 * unavailable): reward {@code null}, never a fabricated number; a null score counts as the profile's
 * {@code nullScore} instead when one is configured.</li>
 * <li>A component the sample does not have (accuracy of a task {@code none}) is left out.</li>
 * </ul>
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

    /** What a sample's result is, for counting: scored, or why it has no reward. */
    public enum Kind { SCORED, UNSCORABLE, UNAVAILABLE }

    public static Kind kind(Double reward, Map<String, ComponentResult> components) {
        if (reward != null) {
            return Kind.SCORED;
        }
        return components.values().stream().anyMatch(ComponentResult::isUnavailable) ? Kind.UNAVAILABLE
                : Kind.UNSCORABLE;
    }
}
