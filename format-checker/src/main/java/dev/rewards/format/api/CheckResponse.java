package dev.rewards.format.api;

import java.util.List;
import java.util.Map;

import dev.rewards.format.FormatVerdict;
import dev.rewards.format.Violation;

/** One verdict on the wire; {@code soft} holds only the checks asked for. */
public record CheckResponse(String id, boolean valid, double score, List<Violation> violations, String think,
                            String answer, Map<String, Double> soft) {

    static CheckResponse of(String id, FormatVerdict verdict) {
        return new CheckResponse(id, verdict.valid(), verdict.score(), verdict.violations(), verdict.think(),
                verdict.answer(), verdict.soft());
    }
}
