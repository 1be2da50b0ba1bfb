package dev.rewards.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.rewards.web.JsonLines;
import tools.jackson.databind.JsonNode;

/** The shared format corpus: R1-FORMAT-v1 verdicts, the prefilled variant, and open-r1's numbers bit for bit. */
class FormatCorpusTests {

    private static final FormatChecker checker = new FormatChecker();

    static Stream<JsonNode> cases() {
        List<JsonNode> rows = JsonLines.read(FormatCorpusTests.class, "/corpus/format-cases.jsonl");
        assertThat(rows).hasSize(19);
        return rows.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void r1VerdictMatches(JsonNode row) {
        FormatVerdict verdict = check(row.get("completion").asString(), Template.R1, false);
        assertThat(verdict.valid()).as(row.get("note").asString() + " " + verdict.violations())
                .isEqualTo(row.get("expected_format_ok").asBoolean());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void prefilledVerdictMatches(JsonNode row) {
        FormatVerdict verdict = check(row.get("completion").asString(), Template.R1, true);
        assertThat(verdict.valid()).as(row.get("note").asString() + " " + verdict.violations())
                .isEqualTo(row.get("expected_ok_if_think_prefilled").asBoolean());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void openR1FormatRewardMatches(JsonNode row) {
        FormatVerdict verdict = check(row.get("completion").asString(), Template.OPENR1, false);
        assertThat(verdict.score()).as(row.get("note").asString())
                .isEqualTo(row.get("openr1_format_reward").asDouble());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void openR1TagCountRewardMatches(JsonNode row) {
        FormatVerdict verdict = checker.check(new FormatCheck(row.get("completion").asString(), Template.R1, false,
                Set.of(SoftCheck.TAG_COUNT), null));
        assertThat(verdict.soft().get("tag_count")).as(row.get("note").asString())
                .isEqualTo(row.get("openr1_tag_count_reward").asDouble());
    }

    private static FormatVerdict check(String completion, Template template, boolean prefilled) {
        return checker.check(new FormatCheck(completion, template, prefilled, Set.of(), null));
    }
}
