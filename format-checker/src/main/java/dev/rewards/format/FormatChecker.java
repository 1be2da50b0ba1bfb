package dev.rewards.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.format.internal.SoftScores;
import dev.rewards.format.internal.TemplateRules;
import dev.rewards.web.Reasoning;

/** Checks a completion against its template and computes the soft scores asked for. Stateless and thread-safe. */
public final class FormatChecker {

    private static final String PREFILLED_THINK = Reasoning.THINK_OPEN;

    public FormatVerdict check(FormatCheck check) {
        String text = check.thinkPrefilled() ? PREFILLED_THINK + check.response() : check.response();
        TemplateRules.Outcome outcome = TemplateRules.check(check.template(), text);
        List<Violation> violations = check.thinkPrefilled()
                ? outcome.violations().stream().map(FormatChecker::toResponseOffsets).toList()
                : outcome.violations();
        Map<String, Double> soft = new LinkedHashMap<>();
        for (SoftCheck softCheck : SoftCheck.values()) {
            if (check.checks().contains(softCheck)) {
                soft.put(softCheck.wireName(), score(softCheck, check));
            }
        }
        boolean valid = violations.isEmpty();
        return new FormatVerdict(valid, valid ? 1.0 : 0.0, violations, outcome.think(), outcome.answer(), soft);
    }

    private static double score(SoftCheck softCheck, FormatCheck check) {
        String response = check.response();
        return switch (softCheck) {
            case TAG_COUNT -> SoftScores.tagCount(response);
            case REASONING_STEPS -> SoftScores.reasoningSteps(response);
            case REPETITION -> SoftScores.repetition(response, check.params().ngramSize(), check.params().maxPenalty());
            case OVERLONG -> SoftScores.overlong(check.params());
        };
    }

    private static Violation toResponseOffsets(Violation violation) {
        int index = violation.index() < 0 ? -1 : Math.max(0, violation.index() - PREFILLED_THINK.length());
        return new Violation(violation.code(), violation.message(), index);
    }
}
