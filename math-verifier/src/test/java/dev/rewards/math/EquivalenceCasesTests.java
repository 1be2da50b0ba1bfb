package dev.rewards.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dev.rewards.web.JsonLines;
import tools.jackson.databind.JsonNode;

/** Our own cases: one per form that must be equivalent, and the must-not list (JSONL: the cases are LaTeX). */
class EquivalenceCasesTests {

    private static final MathVerifier verifier = new MathVerifier(100);

    static Stream<JsonNode> cases() {
        return JsonLines.read(EquivalenceCasesTests.class, "/equivalence-cases.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void verdictMatches(JsonNode row) {
        MathVerdict verdict = verifier.verify(row.get("response").asString(), row.get("gold").asString(), MathOptions.DEFAULTS);
        assertThat(verdict.status().equals(MathVerdict.CORRECT)).as(row.get("why").asString() + " → " + verdict)
                .isEqualTo(row.get("correct").asBoolean());
    }

    @Test
    void statusesAreDistinct() {
        assertThat(verifier.verify("no answer here at all, sorry", "5", MathOptions.DEFAULTS).status())
                .isEqualTo(MathVerdict.NO_ANSWER);
        MathVerdict invalid = verifier.verify("\\boxed{5}", "\\boxed{}", MathOptions.DEFAULTS);
        assertThat(invalid.status()).isEqualTo(MathVerdict.INVALID_GOLD);
        assertThat(invalid.score()).isNull();
        MathVerdict wrong = verifier.verify("\\boxed{4}", "5", MathOptions.DEFAULTS);
        assertThat(wrong.status()).isEqualTo(MathVerdict.INCORRECT);
        assertThat(wrong.score()).isEqualTo(0.0);
    }

    @Test
    void reasoningDelimiterOptionRequiresTheDelimiter() {
        MathOptions trl = new MathOptions(null, 1e-6, 2000, "either", true, "</think>");
        assertThat(verifier.verify("\\boxed{4}", "4", trl).status()).isEqualTo(MathVerdict.NO_ANSWER);
        assertThat(verifier.verify("<think>4?</think> \\boxed{4}", "4", trl).status()).isEqualTo(MathVerdict.CORRECT);
    }

    @Test
    void renamingWhenNotStrict() {
        MathOptions lenient = new MathOptions(null, 1e-6, 2000, "either", false);
        assertThat(verifier.verify("\\boxed{t+1}", "x+1", lenient).status()).isEqualTo(MathVerdict.CORRECT);
    }

    @Test
    void clusterGroupsEquivalentAnswers() {
        java.util.List<String> forms = new java.util.ArrayList<>();
        var classes = verifier.cluster(java.util.List.of("\\frac12", "0.5", "1/3", "\\dfrac{1}{2}", "\\boxed{1/3}"), forms);
        assertThat(classes).containsExactly(java.util.List.of(0, 1, 3), java.util.List.of(2, 4));
        assertThat(forms).hasSize(5);
    }

    @Test
    void noStateLeaksBetweenItems() {
        verifier.verify("\\boxed{x:=5}", "5", MathOptions.DEFAULTS);
        assertThat(verifier.verify("\\boxed{x+1}", "x+1", MathOptions.DEFAULTS).status()).isEqualTo(MathVerdict.CORRECT);
        assertThat(verifier.verify("\\boxed{x}", "5", MathOptions.DEFAULTS).status()).isEqualTo(MathVerdict.INCORRECT);
    }
}
