package dev.rewards.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.rewards.web.JsonLines;
import tools.jackson.databind.JsonNode;

/** Each clause of LANG-RATIO-v1, one JSONL row per clause. */
class CountingRuleTests {

    static Stream<JsonNode> cases() {
        return JsonLines.read(CountingRuleTests.class, "/rule-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void clauseHolds(JsonNode row) {
        LanguageScore score = SharedScorer.SCORER.score(row.get("text").asString(), row.get("target").asString(), Scope.ALL);
        String why = row.get("name").asString() + " → " + score;
        assertThat(score.totalWords()).as(why).isEqualTo(row.get("total").asInt());
        if (row.has("status")) {
            assertThat(score.status()).as(why).isEqualTo(row.get("status").asString());
            assertThat(score.score()).isNull();
        }
        if (row.has("by")) {
            row.get("by").properties().forEach(e ->
                    assertThat(score.wordsByLanguage().get(e.getKey())).as(why).isEqualTo(e.getValue().asInt()));
        }
        if (row.has("excluded")) {
            row.get("excluded").properties().forEach(e ->
                    assertThat(score.excluded().get(e.getKey())).as(why).isEqualTo(e.getValue().asInt()));
        }
    }

    @Test
    void thinkScopeScoresOnlyTheReasoning() {
        String text = "<think>Wir rechnen die Summe aus und prüfen das Ergebnis.</think><answer>The answer is four</answer>";
        LanguageScore think = SharedScorer.SCORER.score(text, "de", Scope.THINK);
        assertThat(think.score()).isEqualTo(1.0);
        assertThat(think.totalWords()).isEqualTo(9);
        LanguageScore all = SharedScorer.SCORER.score(text, "de", Scope.ALL);
        assertThat(all.totalWords()).isEqualTo(13);
        assertThat(all.excluded().get("tags")).isEqualTo(4);
    }

    @Test
    void prefilledThinkCountsUpToTheClosingTag() {
        assertThat(LanguageScorer.thinkPart("reasoning here</think>answer")).isEqualTo("reasoning here");
        assertThat(LanguageScorer.thinkPart("<think>cut off")).isEqualTo("cut off");
        assertThat(LanguageScorer.thinkPart("no tags")).isEqualTo("no tags");
    }

    @Test
    void unknownTargetIsRejected() {
        assertThatThrownBy(() -> SharedScorer.SCORER.score("hello", "xx", Scope.THINK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
    }

    @Test
    void sentenceRunsKeepSameScriptMixesApart() {
        String text = "Wir berechnen zuerst die Ableitung der Funktion. Then we check the boundary conditions carefully. "
                + "Danach setzen wir die Werte in die Gleichung ein.";
        LanguageScore score = SharedScorer.SCORER.score(text, "de", Scope.ALL);
        assertThat(score.wordsByLanguage()).containsEntry("de", 16).containsEntry("en", 7);
    }

    @Test
    void aHugeRunWithoutPunctuationIsSampledForTheDetector() {
        java.util.Random random = new java.util.Random(3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 2_000_000) {
            for (int i = 0, n = 2 + random.nextInt(8); i < n; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append(' ');
        }
        long start = System.nanoTime();
        LanguageScore score = SharedScorer.SCORER.score(text.toString(), "en", Scope.ALL);
        assertThat(score.totalWords()).isGreaterThan(300_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** Inputs that would make a backtracking regex explode; the scanner is linear (speed is measured by the bench). */
    @Test
    void hostileDelimitersStayLinear() {
        String[] inputs = {"$".repeat(200_000) + "a", "\\(".repeat(100_000), "`".repeat(200_000),
                "<a".repeat(100_000), "\\begin{x}".repeat(50_000), "http://".repeat(50_000), "a-".repeat(200_000)};
        for (String input : inputs) {
            long start = System.nanoTime();
            SharedScorer.SCORER.score(input, "en", Scope.ALL);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(input.substring(0, 10)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
