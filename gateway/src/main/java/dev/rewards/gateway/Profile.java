package dev.rewards.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named reward recipe: which components count and with what weight, the format template, and optional shaping.
 *
 * @param weights        component → weight; components are {@code accuracy}, {@code format}, {@code language},
 *                       {@code overlong} (DAPO soft overlong punishment, from the format-checker)
 * @param template       format template of the format-checker ({@code r1}, {@code think_answer_optional}, …)
 * @param nullScore      what a component whose score is null by nature (invalid gold) counts as; null (default)
 *                       makes the sample unscorable ({@code reward: null}). A language component without words is
 *                       not null but not applicable (counts 1, see {@link Composition})
 * @param cosine         open-r1's cosine length scaling of accuracy, or null
 * @param overlong       DAPO's overlong penalty parameters ({@code max_length}, {@code cache}), or null
 * @param targetLanguage language of the chain of thought when a sample names none
 */
public record Profile(String name, String description, Map<String, Double> weights, String template,
                      boolean thinkPrefilled, Double nullScore, Cosine cosine, Overlong overlong,
                      String targetLanguage) {

    public static final List<String> COMPONENTS = List.of("accuracy", "format", "language", "overlong");

    public Profile {
        weights = Map.copyOf(new LinkedHashMap<>(weights));
        for (String component : weights.keySet()) {
            if (!COMPONENTS.contains(component)) {
                throw new IllegalArgumentException("weights: unknown component '" + component + "', expected one of "
                        + COMPONENTS);
            }
        }
        if (weights.containsKey("overlong") && overlong == null) {
            throw new IllegalArgumentException("profile " + name + ": the overlong component needs overlong parameters");
        }
        template = template == null ? "r1" : template;
        targetLanguage = targetLanguage == null ? "en" : targetLanguage;
    }

    public boolean uses(String component) {
        Double weight = weights.get(component);
        return weight != null;
    }

    /** open-r1 {@code get_cosine_scaled_reward}: lengths in characters unless the sample gives {@code length}. */
    public record Cosine(double minValueWrong, double maxValueWrong, double minValueCorrect, double maxValueCorrect,
                         int maxLength) {
        public double scale(boolean correct, int length) {
            double progress = Math.min(1.0, (double) length / maxLength);
            double cos = Math.cos(progress * Math.PI);
            double min = correct ? minValueCorrect : maxValueWrong;
            double max = correct ? maxValueCorrect : minValueWrong;
            return min + 0.5 * (max - min) * (1.0 + cos);
        }
    }

    /** DAPO soft overlong punishment: 0 up to max_length − cache, then linear down to −1 at max_length. */
    public record Overlong(int maxLength, int cache) {
    }

    public Profile withWeights(Map<String, Double> overrides) {
        Map<String, Double> merged = new LinkedHashMap<>(weights);
        overrides.forEach((component, weight) -> {
            if (!COMPONENTS.contains(component)) {
                throw new IllegalArgumentException("overrides.weights: unknown component '" + component + "'");
            }
            if (weight == null || weight == 0) {
                merged.remove(component);
            } else {
                merged.put(component, weight);
            }
        });
        return new Profile(name, description, merged, template, thinkPrefilled, nullScore, cosine, overlong,
                targetLanguage);
    }

    /** The built-in recipes; the server configuration may override or add more. */
    public static Map<String, Profile> builtIn() {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        profiles.put("r1_zero", new Profile("r1_zero", "DeepSeek-R1-Zero: accuracy + format",
                Map.of("accuracy", 1.0, "format", 1.0), "r1", false, null, null, null, "en"));
        profiles.put("r1", new Profile("r1", "DeepSeek-R1: accuracy + format + language consistency",
                Map.of("accuracy", 1.0, "format", 1.0, "language", 0.1), "r1", false, null, null, null, "en"));
        profiles.put("code", new Profile("code", "Code accuracy (tests in a sandbox) + format",
                Map.of("accuracy", 1.0, "format", 1.0), "r1", false, null, null, null, "en"));
        profiles.put("format_only", new Profile("format_only", "Format only (R1-FORMAT-v1)",
                Map.of("format", 1.0), "r1", false, null, null, null, "en"));
        return profiles;
    }
}
