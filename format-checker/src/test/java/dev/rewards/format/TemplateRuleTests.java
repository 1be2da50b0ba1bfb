package dev.rewards.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.rewards.web.JsonLines;
import tools.jackson.databind.JsonNode;

/** Each clause of each template's rule, one row per clause (JSONL because the cases are full of markup). */
class TemplateRuleTests {

    private static final FormatChecker checker = new FormatChecker();

    static Stream<JsonNode> cases() {
        return JsonLines.read(TemplateRuleTests.class, "/r1-rule-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void ruleGivesTheExpectedVerdict(JsonNode row) {
        FormatVerdict verdict = checker.check(new FormatCheck(row.get("response").asString(),
                Template.fromWireName(row.get("template").asString()), false, Set.of(), null));
        assertThat(verdict.valid()).as(verdict.violations().toString()).isEqualTo(row.get("valid").asBoolean());
        assertThat(verdict.score()).isEqualTo(verdict.valid() ? 1.0 : 0.0);
        if (row.has("codes")) {
            assertThat(verdict.violations()).extracting(Violation::code)
                    .containsExactlyInAnyOrderElementsOf(row.get("codes").valueStream().map(JsonNode::asString).toList());
        }
        if (row.has("think")) {
            assertThat(verdict.think()).isEqualTo(row.get("think").asString());
        }
        if (row.has("answer")) {
            assertThat(verdict.answer()).isEqualTo(row.get("answer").asString());
        }
    }

    @Test
    void prefilledThinkAppliesTheRuleToThinkPlusResponse() {
        FormatVerdict ok = checker.check(new FormatCheck("reasoning</think><answer>4</answer>", Template.R1, true, Set.of(), null));
        assertThat(ok.valid()).isTrue();
        assertThat(ok.think()).isEqualTo("reasoning");
        FormatVerdict reopened = checker.check(new FormatCheck("<think>reasoning</think><answer>4</answer>", Template.R1, true, Set.of(), null));
        assertThat(reopened.valid()).isFalse();
        assertThat(reopened.violations()).extracting(Violation::code).contains("duplicate_tag");
        assertThat(reopened.violations()).allSatisfy(v -> assertThat(v.index()).isGreaterThanOrEqualTo(-1));
    }

    @Test
    void violationIndexPointsIntoTheResponse() {
        String response = "<think>a</think><answer>b</answer> tail";
        FormatVerdict verdict = checker.check(new FormatCheck(response, Template.R1, false, Set.of(), null));
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("text_after_answer");
            assertThat(response.substring(v.index())).isEqualTo(" tail");
        });
    }
}
