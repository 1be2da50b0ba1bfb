package dev.rewards.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Sample;
import org.junit.jupiter.api.Test;

/** R1 rejection sampling, rule by rule, on responses whose verdicts are given by hand. */
class FilterTests {

    private static final RejectionSampling.Settings DEFAULTS =
            new RejectionSampling.Settings(0.95, 300, false, null, false, 0);

    private static Graded graded(String problem, String task, String response, String status, boolean valid,
                                 Double language, String think, String prompt) {
        Sample sample = task.equals("code")
                ? new Sample(null, prompt, response, "code", null, Map.of("format", "stdio", "cases", List.of()),
                "python", null, null)
                : new Sample(null, prompt, response, task, task.equals("math") ? "1" : null, null, null, null, null);
        Map<String, ComponentResult> components = new LinkedHashMap<>();
        if (status != null) {
            components.put("accuracy", new ComponentResult(status.equals("correct") || status.equals("accepted")
                    ? 1.0 : 0.0, status, Map.of("status", status)));
        }
        Map<String, Object> formatDetail = new LinkedHashMap<>();
        formatDetail.put("valid", valid);
        if (think != null) {
            formatDetail.put("think", think);
        }
        components.put("format", new ComponentResult(valid ? 1.0 : 0.0, valid ? "valid" : "invalid", formatDetail));
        components.put("language", new ComponentResult(language, language == null ? "no_words" : "ok", Map.of()));
        return new Graded(new Responses.Response(1, problem, sample, Map.of()), new Scorer.Scored(1.0, components));
    }

    private static Graded good(String problem, String response) {
        return graded(problem, "math", response, "correct", true, 1.0, "Short reasoning.", "Question?");
    }

    private static RejectionSampling.Rule rule(Graded g) {
        return RejectionSampling.firstFailure(g, DEFAULTS);
    }

    @Test
    void keepsACorrectWellFormedMonolingualResponse() {
        assertThat(rule(good("p", "r"))).isNull();
    }

    @Test
    void dropsWrongOrUncheckableAnswers() {
        assertThat(rule(graded("p", "math", "r", "incorrect", true, 1.0, "x", "q"))).isEqualTo(RejectionSampling.Rule.ACCURACY);
        assertThat(rule(graded("p", "code", "r", "wrong_answer", true, 1.0, "x", "q"))).isEqualTo(RejectionSampling.Rule.ACCURACY);
        assertThat(rule(graded("p", "none", "r", null, true, 1.0, "x", "q"))).isEqualTo(RejectionSampling.Rule.ACCURACY);
        assertThat(rule(graded("p", "code", "r", "accepted", true, 1.0, "x", "q"))).isNull();
    }

    @Test
    void dropsInvalidFormat() {
        assertThat(rule(graded("p", "math", "r", "correct", false, 1.0, "x", "q"))).isEqualTo(RejectionSampling.Rule.FORMAT);
    }

    @Test
    void dropsMixedLanguageBelowTheMinimumAndUnscorableText() {
        assertThat(rule(graded("p", "math", "r", "correct", true, 0.94, "x", "q"))).isEqualTo(RejectionSampling.Rule.LANGUAGE);
        assertThat(rule(graded("p", "math", "r", "correct", true, null, "x", "q"))).isEqualTo(RejectionSampling.Rule.LANGUAGE);
        assertThat(rule(graded("p", "math", "r", "correct", true, 0.95, "x", "q"))).isNull();
        RejectionSampling.Settings lenient = new RejectionSampling.Settings(0.5, 300, false, null, false, 0);
        assertThat(RejectionSampling.firstFailure(graded("p", "math", "r", "correct", true, 0.6, "x", "q"), lenient)).isNull();
    }

    @Test
    void keepsAChainOfThoughtWithoutWordsAsConsistentByTheOneRewardRule() {
        Graded formulas = graded("p", "math", "r", "correct", true, null, "2+2=4", "q");
        formulas.scored().components().put("language", new ComponentResult(1.0, ComponentResult.NOT_APPLICABLE,
                Map.of("status", "no_words")));
        assertThat(rule(formulas)).isNull();
        assertThat(formulas.language()).as("not a measured share").isNull();
    }

    @Test
    void dropsAParagraphLongerThanTheLimitCountingCjkCharactersAsWords() {
        String limit = "word ".repeat(300).trim();
        String over = "word ".repeat(301).trim();
        assertThat(rule(graded("p", "math", "r", "correct", true, 1.0, limit + "\n\n" + limit, "q"))).isNull();
        assertThat(rule(graded("p", "math", "r", "correct", true, 1.0, "short\n\n" + over, "q")))
                .isEqualTo(RejectionSampling.Rule.PARAGRAPH);
        assertThat(rule(graded("p", "math", "r", "correct", true, 1.0, "计".repeat(301), "q")))
                .isEqualTo(RejectionSampling.Rule.PARAGRAPH);
        assertThat(RejectionSampling.words("two words 三个字")).isEqualTo(5);
    }

    @Test
    void dropsCodeBlocksInTheReasoningOfNonCodeTasksUnlessAllowed() {
        String withCode = "Let me check:\n```python\nprint(1/2)\n```\nSo it is 1/2.";
        assertThat(rule(graded("p", "math", "r", "correct", true, 1.0, withCode, "q")))
                .isEqualTo(RejectionSampling.Rule.CODE_BLOCK);
        assertThat(rule(graded("p", "code", "r", "accepted", true, 1.0, withCode, "q"))).isNull();
        RejectionSampling.Settings allowCode = new RejectionSampling.Settings(0.95, 300, true, null, false, 0);
        assertThat(RejectionSampling.firstFailure(graded("p", "math", "r", "correct", true, 1.0, withCode, "q"), allowCode))
                .isNull();
    }

    @Test
    void needsAPromptToPairWith() {
        assertThat(rule(graded("p", "math", "r", "correct", true, 1.0, "x", null))).isEqualTo(RejectionSampling.Rule.NO_PROMPT);
    }

    @Test
    void keepsAtMostNPerProblemShortestFirstAndCountsEachDropOnce() {
        List<Graded> all = new ArrayList<>(List.of(good("a", "long answer text"), good("a", "mid answer"),
                good("a", "s"), good("b", "only"), graded("b", "math", "wrong", "incorrect", true, 1.0, "x", "q")));
        RejectionSampling.Outcome outcome = RejectionSampling.apply(all,
                new RejectionSampling.Settings(0.95, 300, false, 2, false, 0));
        assertThat(outcome.kept()).extracting(r -> (Object) ((Map<?, ?>) ((List<?>) r.get("messages")).get(1)).get("content"))
                .containsExactly((Object) "s", "mid answer", "only");
        assertThat(outcome.dropped()).containsEntry(RejectionSampling.Rule.PER_PROBLEM, 1)
                .containsEntry(RejectionSampling.Rule.ACCURACY, 1);
        assertThat(outcome.kept().get(0).get("messages").toString()).contains("role=user", "Question?");
    }

    @Test
    void randomPickIsReproducibleWithItsSeed() {
        List<Graded> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(good("a", "answer " + i));
        }
        RejectionSampling.Settings seeded = new RejectionSampling.Settings(0.95, 300, false, 3, true, 42);
        var first = RejectionSampling.apply(all, seeded).kept();
        var again = RejectionSampling.apply(all, seeded).kept();
        var other = RejectionSampling.apply(all, new RejectionSampling.Settings(0.95, 300, false, 3, true, 7)).kept();
        assertThat(first).isEqualTo(again).hasSize(3).isNotEqualTo(other);
    }
}
