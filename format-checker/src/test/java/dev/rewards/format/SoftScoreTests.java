package dev.rewards.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftScoreTests {

    private static final FormatChecker checker = new FormatChecker();

    private static double soft(String response, SoftCheck check, SoftParams params) {
        return checker.check(new FormatCheck(response, Template.R1, false, Set.of(check), params))
                .soft().get(check.wireName());
    }

    @Test
    void reasoningStepsCountsEveryMarkerKind() {
        assertThat(soft("Step 1: a\nStep 2: b\nStep 3: c", SoftCheck.REASONING_STEPS, null)).isEqualTo(1.0);
        assertThat(soft("First, a. Next, b.", SoftCheck.REASONING_STEPS, null)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(soft("no markers here", SoftCheck.REASONING_STEPS, null)).isEqualTo(0.0);
        assertThat(soft("Finally, done", SoftCheck.REASONING_STEPS, null)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void numberedLinesCountOnEveryLineNotOnlyTheFirst() {
        // open-r1's ^\d+\. without MULTILINE sees only the first line: it would give 1/3 here.
        assertThat(soft("1. a\n2. b\n3. c", SoftCheck.REASONING_STEPS, null)).isEqualTo(1.0);
        assertThat(soft("intro\n- a\n* b", SoftCheck.REASONING_STEPS, null)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(soft("Step one: no digit", SoftCheck.REASONING_STEPS, null)).isEqualTo(0.0);
    }

    @Test
    void repetitionFollowsOpenR1Formula() {
        // 6 words → 4 trigrams, all distinct → 0
        assertThat(soft("the cat sat on the mat", SoftCheck.REPETITION, null)).isEqualTo(0.0);
        // "a b c a b c a b c": 7 trigrams, 3 distinct → (1 − 3/7)·(−1)
        assertThat(soft("a b c a b c a b c", SoftCheck.REPETITION, null)).isCloseTo(-(1 - 3 / 7.0), within(1e-12));
        // fewer words than n → 0; empty → 0
        assertThat(soft("two words", SoftCheck.REPETITION, null)).isEqualTo(0.0);
        assertThat(soft("", SoftCheck.REPETITION, null)).isEqualTo(0.0);
        // case-insensitive, like open-r1's lower()
        assertThat(soft("A B C a b c", SoftCheck.REPETITION, null)).isCloseTo(-(1 - 3 / 4.0), within(1e-12));
    }

    @Test
    void repetitionCountsCjkCharactersAsTokens() {
        // 我我我我我: 5 characters → 3 trigrams, 1 distinct
        assertThat(soft("我我我我我", SoftCheck.REPETITION, null)).isCloseTo(-(1 - 1 / 3.0), within(1e-12));
        SoftParams bigrams = new SoftParams(2, -0.5, null, null, null, 1.0);
        assertThat(soft("你好你好", SoftCheck.REPETITION, bigrams)).isCloseTo(-0.5 * (1 - 2 / 3.0), within(1e-12));
    }

    @ParameterizedTest(name = "length {0} → {1}")
    @CsvSource({"100, 0.0", "768, 0.0", "896, -0.5", "1024, -1.0", "5000, -1.0"})
    void overlongIsDapoSoftPunishment(int length, double expected) {
        SoftParams params = new SoftParams(3, -1, length, 1024, 256, 1.0);
        assertThat(soft("x", SoftCheck.OVERLONG, params)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void overlongNeedsItsParameters() {
        assertThatThrownBy(() -> new FormatCheck("x", Template.R1, false, Set.of(SoftCheck.OVERLONG), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.length");
        assertThatThrownBy(() -> new SoftParams(3, -1, 10, 100, 200, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params.cache");
    }

    @Test
    void onlyTheChecksAskedForAreReported() {
        FormatVerdict verdict = checker.check(new FormatCheck("<think>a</think><answer>b</answer>", Template.R1, false,
                Set.of(SoftCheck.TAG_COUNT), null));
        assertThat(verdict.soft()).containsOnlyKeys("tag_count");
    }
}
