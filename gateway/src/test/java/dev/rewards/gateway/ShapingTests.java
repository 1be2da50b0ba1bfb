package dev.rewards.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Length shaping and composition on the core, with verifier results given by hand. */
class ShapingTests {

    private static final Profile.Cosine OPEN_R1_DEFAULTS = new Profile.Cosine(-1.0, -0.5, 0.5, 1.0, 1000);

    private static Sample math(String response, Map<String, Object> options) {
        return new Sample(null, null, response, "math", "4", null, null, null, options);
    }

    private static Profile profile(Map<String, Double> weights, Profile.Cosine cosine, Profile.Overlong overlong) {
        return new Profile("shaped", "test", weights, "r1", false, null, cosine, overlong, "en");
    }

    private static FanOutPlan.Results answering(Map<Verifier, Map<String, Object>> byVerifier) {
        return new FanOutPlan.Results() {
            @Override
            public Map<String, Object> get(Verifier verifier, int item) {
                return byVerifier.get(verifier);
            }

            @Override
            public String failure(Verifier verifier, int item) {
                return verifier.serviceName() + ": down";
            }
        };
    }

    @Test
    void cosineFollowsOpenR1AtTheEndsAndTheMiddle() {
        assertThat(OPEN_R1_DEFAULTS.scale(true, 0)).isCloseTo(1.0, within(1e-12));
        assertThat(OPEN_R1_DEFAULTS.scale(true, 500)).isCloseTo(0.75, within(1e-12));
        assertThat(OPEN_R1_DEFAULTS.scale(true, 1000)).isCloseTo(0.5, within(1e-12));
        // open-r1 swaps the bounds for wrong answers: a short wrong answer is penalised most
        assertThat(OPEN_R1_DEFAULTS.scale(false, 0)).isCloseTo(-1.0, within(1e-12));
        assertThat(OPEN_R1_DEFAULTS.scale(false, 500)).isCloseTo(-0.75, within(1e-12));
        assertThat(OPEN_R1_DEFAULTS.scale(false, 1000)).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void cosineDoesNotTurnBackUpPastTheMaximumLength() {
        // open-r1 lets cos() wrap past max_len, which would treat an answer of 2×max_len like an empty one
        assertThat(OPEN_R1_DEFAULTS.scale(false, 2000)).isEqualTo(OPEN_R1_DEFAULTS.scale(false, 1000));
        assertThat(OPEN_R1_DEFAULTS.scale(true, 5000)).isEqualTo(OPEN_R1_DEFAULTS.scale(true, 1000));
    }

    @Test
    void cosineScalesAccuracyByTheTrainersTokenCountWhenGiven() {
        Profile profile = profile(Map.of("accuracy", 1.0), OPEN_R1_DEFAULTS, null);
        Sample tokens = math("\\boxed{4}", Map.of("length", 500));
        FanOutPlan plan = new FanOutPlan(profile, List.of(tokens));
        Map<String, ComponentResult> components = plan.components(0,
                answering(Map.of(Verifier.MATH, Map.of("score", 1.0, "status", "correct"))));
        assertThat(components.get("accuracy").score()).isCloseTo(0.75, within(1e-12));
        assertThat(Composition.reward(profile, profile.weights(), components)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void cosineOfAWrongAnswerUsesTheResponseLengthInCharacters() {
        Profile profile = profile(Map.of("accuracy", 1.0), OPEN_R1_DEFAULTS, null);
        FanOutPlan plan = new FanOutPlan(profile, List.of(math("x".repeat(1000) + "\\boxed{5}", Map.of())));
        Map<String, ComponentResult> components = plan.components(0,
                answering(Map.of(Verifier.MATH, Map.of("score", 0.0, "status", "incorrect"))));
        assertThat(components.get("accuracy").score()).isEqualTo(-0.5);
    }

    @Test
    void overlongAsksTheFormatCheckerWithTheLengthAndAddsItsPenalty() {
        Profile profile = profile(Map.of("accuracy", 1.0, "overlong", 1.0), null, new Profile.Overlong(4096, 512));
        FanOutPlan plan = new FanOutPlan(profile, List.of(math("\\boxed{4}", Map.of("length", 3840))));
        Map<String, Object> formatItem = plan.items().get(Verifier.FORMAT).get(0);
        assertThat(formatItem).containsEntry("checks", List.of("overlong"));
        assertThat(formatItem.get("params")).isEqualTo(Map.of("length", 3840, "max_length", 4096, "cache", 512));
        Map<String, ComponentResult> components = plan.components(0, answering(Map.of(
                Verifier.MATH, Map.of("score", 1.0, "status", "correct"),
                Verifier.FORMAT, Map.of("valid", true, "score", 1.0, "soft", Map.of("overlong", -0.5)))));
        assertThat(Composition.reward(profile, profile.weights(), components)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void anUnavailableComponentMakesTheRewardNullNotZero() {
        Profile profile = profile(Map.of("accuracy", 1.0, "format", 1.0), null, null);
        FanOutPlan plan = new FanOutPlan(profile, List.of(math("<think>a</think><answer>\\boxed{4}</answer>", Map.of())));
        Map<String, ComponentResult> components = plan.components(0,
                answering(Map.of(Verifier.FORMAT, Map.of("valid", true, "score", 1.0))));
        assertThat(components.get("accuracy").isUnavailable()).isTrue();
        assertThat(Composition.reward(profile, profile.weights(), components)).isNull();
    }

    @Test
    void identicalPairsAreVerifiedOnceAndShareTheirResult() {
        Profile profile = profile(Map.of("accuracy", 1.0), null, null);
        FanOutPlan plan = new FanOutPlan(profile, List.of(math("\\boxed{4}", Map.of()), math("\\boxed{4}", Map.of()),
                math("\\boxed{5}", Map.of())));
        assertThat(plan.items().get(Verifier.MATH)).hasSize(2);
        assertThat(plan.dependencies(0)).isEqualTo(plan.dependencies(1));
        assertThat(plan.dependencies(2)).isNotEqualTo(plan.dependencies(0));
    }

    @Test
    void overriddenWeightsChangeTheSumAndZeroRemovesAComponent() {
        Profile r1 = Profile.builtIn().get("r1");
        Profile accuracyOnly = r1.withWeights(Map.of("format", 0.0, "language", 0.0, "accuracy", 2.0));
        assertThat(accuracyOnly.weights()).containsOnlyKeys("accuracy").containsEntry("accuracy", 2.0);
        Map<String, ComponentResult> components = Map.of("accuracy", new ComponentResult(1.0, "correct", Map.of()),
                "format", new ComponentResult(0.0, "invalid", Map.of()));
        assertThat(Composition.reward(accuracyOnly, accuracyOnly.weights(), components)).isEqualTo(2.0);
    }
}
