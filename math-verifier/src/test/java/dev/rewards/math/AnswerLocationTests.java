package dev.rewards.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;

import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** {@code explain}: where the answer was found — one row per strategy, and a property over the whole corpus. */
class AnswerLocationTests {

    private static final MathVerifier VERIFIER = new MathVerifier(100);

    static Stream<JsonNode> cases() {
        return JsonLines.read(AnswerLocationTests.class, "/answer-location-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void sourceAndSpan(JsonNode row) {
        String response = row.get("response").asString();
        MathVerdict verdict = VERIFIER.verify(response, row.get("gold").asString(), MathOptions.DEFAULTS);
        AnswerLocation location = AnswerLocation.of(response, MathOptions.DEFAULTS, verdict);
        String why = row.get("name").asString() + " → " + verdict + " " + location;
        assertThat(location.source()).as(why).isEqualTo(row.get("source").asString());
        JsonNode span = row.get("span");
        if (span == null || span.isNull()) {
            assertThat(location.start()).as(why).isNull();
        } else {
            assertThat(response.substring(location.start(), location.end())).as(why).isEqualTo(span.asString());
        }
        if (row.has("span_start")) {
            assertThat(location.start()).as(why).isEqualTo(row.get("span_start").asInt());
        }
    }

    /**
     * Over every corpus response: an answer is located exactly when one was extracted, and a span lies in the graded
     * part (after the last {@code </think>}) and reads as the extracted answer, up to the rewriting the verifier
     * does (decimal commas, salvaged prefixes).
     */
    @Test
    void everyExtractedAnswerOfTheCorpusIsLocated() throws IOException {
        for (MathCorpus.Case c : MathCorpus.cases()) {
            MathVerdict verdict = VERIFIER.verify(c.pred(), c.gold(), MathOptions.DEFAULTS);
            AnswerLocation location = AnswerLocation.of(c.pred(), MathOptions.DEFAULTS, verdict);
            String why = "case " + c.id() + " " + verdict + " " + location;
            if (verdict.extracted() == null) {
                assertThat(location.source()).as(why).isEqualTo("none");
                continue;
            }
            assertThat(location.source()).as(why).isNotEqualTo("none");
            if (location.start() != null) {
                assertThat(location.start()).as(why).isGreaterThanOrEqualTo(c.pred().lastIndexOf("</think>") + 1);
                String span = c.pred().substring(location.start(), location.end());
                String extracted = verdict.extracted();
                assertThat(span.contains(extracted) || extracted.contains(span.strip())
                        || span.replace(",", ".").contains(extracted) || span.replace(" ", "").contains(extracted))
                        .as(why + " span '" + span + "'").isTrue();
            }
        }
    }
}
