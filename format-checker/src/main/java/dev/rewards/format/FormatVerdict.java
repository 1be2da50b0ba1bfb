package dev.rewards.format;

import java.util.List;
import java.util.Map;

/**
 * The verdict on one completion.
 *
 * @param think  the reasoning text, or null when the template's think block could not be located
 * @param answer the answer text, or null when there is none
 * @param soft   the soft scores asked for, keyed by their wire names, in a stable order
 */
public record FormatVerdict(boolean valid, double score, List<Violation> violations, String think, String answer,
                            Map<String, Double> soft) {
    public FormatVerdict {
        violations = List.copyOf(violations);
        soft = soft == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(soft));
    }
}
