package dev.rewards.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inputs built to blow up backtracking regexes. The checker has no regex, so each completes in one linear pass; the
 * generous bound only catches a super-linear regression (an exponential one would take hours), the speed itself is
 * measured by the bench.
 */
class AdversarialSizeTests {

    private static final FormatChecker checker = new FormatChecker();
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static String repeat(String unit, int bytes) {
        return unit.repeat(bytes / unit.length());
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void oneMebibyteOfOpenThinkTags(Template template) {
        assertLinear(repeat("<think>", 1 << 20), template);
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void hundredThousandUnclosedTags(Template template) {
        assertLinear("<think>\n" + repeat("<answer>\n", 100_000 * 9) + "\n</think>\n<answer>\n", template);
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void openR1NearMissWithManyCandidateEnds(Template template) {
        // Many "\n</answer>" followed by a letter: a backtracking engine retries every one of them.
        assertLinear("<think>\n" + "x".repeat(1000) + "\n</think>\n<answer>\n" + repeat("\n</answer>x", 1 << 20), template);
    }

    @Test
    void violationsStayBoundedWhateverTheNumberOfTags() {
        FormatVerdict verdict = checker.check(new FormatCheck(repeat("<THINK ", 1 << 20), Template.R1, false, null, null));
        assertThat(verdict.violations()).hasSizeLessThanOrEqualTo(5);
    }

    private static void assertLinear(String response, Template template) {
        long start = System.nanoTime();
        FormatVerdict verdict = checker.check(new FormatCheck(response, template, false, EnumSet.allOf(SoftCheck.class),
                new SoftParams(3, -1, 10, 100, 10, 1.0)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(verdict.valid()).isEqualTo(template == Template.THINK_ONLY && verdict.violations().isEmpty());
        assertThat(took).isLessThan(BOUND);
    }
}
