package dev.rewards.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The per-sample options the playground sends: {@code explain} reaches every verifier item (and only when asked),
 * {@code template}, {@code think_prefilled} and {@code scope} override the profile for that sample, and the accuracy
 * detail says where the answer part the math-verifier saw starts in the response.
 */
class ExplainOptionsTests {

    private static final Profile R1 = Profile.builtIn().get("r1");

    private static Sample math(String response, Map<String, Object> options) {
        return new Sample(null, null, response, "math", "4", null, null, null, options);
    }

    @Test
    void explainIsForwardedToEveryVerifierOnlyWhenAsked() {
        FanOutPlan plain = new FanOutPlan(R1, List.of(math("<think>a</think><answer>4</answer>", Map.of())));
        plain.items().values().forEach(items -> assertThat(items).allSatisfy(item -> assertThat(item).doesNotContainKey("explain")));
        FanOutPlan explained = new FanOutPlan(R1, List.of(math("<think>a</think><answer>4</answer>", Map.of("explain", true))));
        assertThat(explained.items()).containsOnlyKeys(Verifier.MATH, Verifier.FORMAT, Verifier.LANGUAGE);
        explained.items().values().forEach(items -> assertThat(items).allSatisfy(item -> assertThat(item).containsEntry("explain", true)));
    }

    @Test
    void templatePrefilledAndScopeOverrideTheProfileForOneSample() {
        String response = "a</think>The answer is 4.";
        FanOutPlan plan = new FanOutPlan(R1, List.of(math(response, Map.of("template", "think_answer_optional",
                "think_prefilled", true, "scope", "all"))));
        assertThat(plan.items().get(Verifier.FORMAT).get(0)).containsEntry("template", "think_answer_optional")
                .containsEntry("think_prefilled", true);
        assertThat(plan.items().get(Verifier.LANGUAGE).get(0)).containsEntry("scope", "all");
        assertThat(plan.items().get(Verifier.MATH).get(0)).containsEntry("response", "The answer is 4.");
    }

    @Test
    void theAccuracyDetailLocatesTheAnswerPartInTheResponse() {
        String response = "<think>2+2</think> <answer>so \\boxed{4}</answer>";
        FanOutPlan plan = new FanOutPlan(R1, List.of(math(response, Map.of("explain", true))));
        Map<String, ComponentResult> components = plan.components(0, new FanOutPlan.Results() {
            @Override
            public Map<String, Object> get(Verifier verifier, int item) {
                return Map.of("status", "correct", "score", 1.0, "explain", Map.of("source", "boxed", "start", 10, "end", 11));
            }

            @Override
            public String failure(Verifier verifier, int item) {
                return "down";
            }
        });
        Map<?, ?> detail = (Map<?, ?>) components.get("accuracy").detail();
        int start = (Integer) detail.get("answer_start");
        assertThat(response.substring(start + 10, start + 11)).isEqualTo("4");
    }
}
