package dev.rewards.gateway;

import java.util.Map;

/**
 * One completion to reward. {@code task}: {@code math} (needs {@code gold}), {@code code} (needs {@code tests} and
 * {@code language}) or {@code none} (no accuracy component). {@code options} may carry {@code length} (the
 * completion's length in tokens, for length shaping; characters otherwise) and verifier options.
 */
public record Sample(String id, String prompt, String response, String task, String gold, Object tests,
                     String language, String targetLanguage, Map<String, Object> options) {
    public Sample {
        if (response == null) {
            throw new IllegalArgumentException("response: required");
        }
        task = task == null ? (gold != null ? "math" : tests != null ? "code" : "none") : task;
        switch (task) {
            case "math" -> {
                if (gold == null) {
                    throw new IllegalArgumentException("gold: required for a math task");
                }
            }
            case "code" -> {
                if (tests == null) {
                    throw new IllegalArgumentException("tests: required for a code task");
                }
                language = language == null ? "python" : language;
            }
            case "none" -> {
            }
            default -> throw new IllegalArgumentException("task: unknown value '" + task
                    + "', expected math, code or none");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
