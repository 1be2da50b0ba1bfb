package dev.rewards.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code explain}: over every row of the counting-rule table (each clause of LANG-RATIO-v1) and under both scopes,
 * the explanation must account for exactly what was counted — one span per word, the same counts per language,
 * every span a word of the text as sent, no word inside a removed span — and must not change the score.
 */
class ExplanationTests {

    static Stream<JsonNode> cases() {
        return JsonLines.read(ExplanationTests.class, "/rule-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void explanationAccountsForEveryCountedWord(JsonNode row) {
        String text = row.get("text").asString();
        String target = row.get("target").asString();
        for (Scope scope : Scope.values()) {
            assertAccountsFor(text, target, scope, row.get("name").asString());
            assertAccountsFor("<think>" + text + "</think> <answer>42</answer>", target, scope,
                    row.get("name").asString() + " (in a think block)");
        }
    }

    private static void assertAccountsFor(String text, String target, Scope scope, String name) {
        LanguageScore plain = SharedScorer.SCORER.score(text, target, scope);
        LanguageScore explained = SharedScorer.SCORER.score(text, target, scope, true);
        String why = name + " [" + scope + "] → " + explained;
        assertThat(plain.explanation()).isNull();
        assertThat(explained.score()).as(why).isEqualTo(plain.score());
        assertThat(explained.wordsByLanguage()).as(why).isEqualTo(plain.wordsByLanguage());

        LanguageExplanation explanation = explained.explanation();
        assertThat(explanation.words()).as(why).hasSize(plain.totalWords());
        Map<String, Integer> counted = new HashMap<>();
        int previousEnd = explanation.scoredStart();
        for (LanguageExplanation.WordSpan word : explanation.words()) {
            counted.merge(word.language(), 1, Integer::sum);
            assertThat(word.start()).as(why + " word " + word + " in order, inside the scored part")
                    .isGreaterThanOrEqualTo(previousEnd);
            assertThat(word.end()).as(why).isLessThanOrEqualTo(explanation.scoredEnd()).isGreaterThan(word.start());
            String shown = text.substring(word.start(), word.end());
            assertThat(Character.isLetter(shown.codePointAt(0))).as(why + " span '" + shown + "' starts with a letter")
                    .isTrue();
            for (LanguageExplanation.ExcludedSpan removed : explanation.excluded()) {
                assertThat(word.end() <= removed.start() || word.start() >= removed.end())
                        .as(why + " word '" + shown + "' outside removed " + removed).isTrue();
            }
            previousEnd = word.end();
        }
        assertThat(counted).as(why).isEqualTo(plain.wordsByLanguage());
        long countedRemovals = explanation.excluded().stream().filter(e -> !e.kind().equals("latex")).count();
        assertThat(countedRemovals).as(why).isEqualTo(plain.excluded().values().stream().mapToInt(i -> i).sum());
    }

    @Test
    void spansAreOffsetsIntoTheTextAsSent() {
        String text = "<think>We use `numpy` and 梯度下降 at https://x.org now</think>";
        LanguageExplanation explanation = SharedScorer.SCORER.score(text, "en", Scope.THINK, true).explanation();
        assertThat(explanation.words()).extracting(w -> text.substring(w.start(), w.end()) + ":" + w.language())
                .containsExactly("We:en", "use:en", "and:en", "梯:zh", "度:zh", "下:zh", "降:zh", "at:en", "now:en");
        assertThat(explanation.excluded()).extracting(e -> text.substring(e.start(), e.end()) + ":" + e.kind())
                .containsExactly("`numpy`:code", "https://x.org:url");
        assertThat(text.substring(explanation.scoredStart(), explanation.scoredEnd())).startsWith("We use").endsWith("now");
    }
}
