package dev.rewards.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.rewards.web.JsonLines;
import tools.jackson.databind.JsonNode;

/** The shared language corpus: every passage's ratio within its tolerance, with the default language set. */
class LanguageCorpusTests {

    static Stream<JsonNode> cases() {
        List<JsonNode> rows = JsonLines.read(LanguageCorpusTests.class, "/corpus/language-cases.jsonl");
        assertThat(rows).hasSize(22);
        return rows.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void ratioIsWithinTolerance(JsonNode row) {
        LanguageScore score = SharedScorer.SCORER.score(row.get("text").asString(), row.get("target").asString(), Scope.ALL);
        JsonNode expected = row.get("expected_ratio_approx");
        String why = row.get("note").asString() + " → " + score.wordsByLanguage() + " expected " + row.get("word_counts");
        if (expected.isNull()) {
            assertThat(score.status()).as(why).isEqualTo(LanguageScore.NO_WORDS);
            assertThat(score.score()).isNull();
        } else {
            assertThat(score.status()).as(why).isEqualTo(LanguageScore.OK);
            assertThat(score.score()).as(why).isCloseTo(expected.asDouble(), within(row.get("tolerance").asDouble()));
        }
    }
}
