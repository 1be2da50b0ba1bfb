package dev.rewards.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rewards.web.WireJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade} in embedded mode on a fixture of 320 responses (20 problems × 16) built so that string voting and
 * equivalence voting disagree, with pass@1, pass@k and cons@k computed by hand below.
 */
class GradeTests {

    private static final String GOLD = "\\frac{1}{2}";
    /** Four spellings of the gold, so that no single string holds a majority of the correct answers. */
    private static final String[] CORRECT = {"0.5", "\\frac{1}{2}", "\\dfrac12", "2/4"};

    /** A problem's 16 answers (null: no answer) and whether equivalence voting gets it right. */
    private record Problem(List<String> answers, boolean consCorrect) {
        int correct() {
            return (int) answers.stream().filter(a -> a != null && List.of(CORRECT).contains(a)).count();
        }
    }

    @TempDir
    static Path dir;
    private static Map<String, Object> summary;
    private static Map<String, Object> summaryAt4;
    private static List<Problem> problems;
    private static String stderr;

    private static List<String> answers(int correct, String wrong, int wrongCount, String other, boolean wrongFirst) {
        List<String> right = new ArrayList<>();
        for (int i = 0; i < correct; i++) {
            right.add(CORRECT[i % CORRECT.length]);
        }
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < wrongCount; i++) {
            bad.add(wrong);
        }
        List<String> all = new ArrayList<>(wrongFirst ? bad : right);
        all.addAll(wrongFirst ? right : bad);
        while (all.size() < 16) {
            all.add(other);
        }
        return all;
    }

    @BeforeAll
    static void gradeTheFixture() throws Exception {
        problems = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            // 6 correct in four spellings against 5 identical wrong ones: string voting picks "3", equivalence "1/2"
            problems.add(new Problem(answers(6, "3", 5, null, true), true));
        }
        for (int p = 0; p < 5; p++) {
            // 4 correct against two wrong groups of 6: wrong either way
            problems.add(new Problem(answers(4, "7", 6, "8", false), false));
        }
        for (int p = 0; p < 4; p++) {
            // 8 correct against 8 × "5" that come first: a tie, broken by first appearance → wrong
            problems.add(new Problem(answers(8, "5", 8, null, true), false));
        }
        for (int p = 0; p < 3; p++) {
            // the same tie with the correct answers first → right
            problems.add(new Problem(answers(8, "5", 8, null, false), true));
        }
        for (int p = 0; p < 2; p++) {
            // no extractable answer at all → no vote, wrong
            problems.add(new Problem(answers(0, null, 0, null, false), false));
        }
        // all 16 correct
        problems.add(new Problem(answers(16, null, 0, null, false), true));

        Path input = dir.resolve("fixture.jsonl");
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < problems.size(); p++) {
            for (String answer : problems.get(p).answers()) {
                String body = answer == null ? "I could not finish this one." : "The answer is \\boxed{" + answer + "}.";
                String response = "<think>\nWe compute the value carefully and check it twice.\n</think>\n<answer>\n"
                        + body + "\n</answer>";
                lines.add(WireJson.MAPPER.writeValueAsString(Map.of("problem_id", "p" + p, "prompt", "Compute.",
                        "response", response, "gold", GOLD)));
            }
        }
        lines.add(7, "{\"problem_id\": \"broken\", \"response\": ");
        lines.add(30, "{\"problem_id\": \"p1\", \"gold\": \"1\"}");
        Files.write(input, lines);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new RewardsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"grade", input.toString(), "--json", "--k", "16", "--output",
                        dir.resolve("graded.jsonl").toString()});
        stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = WireJson.MAPPER.readValue(out.toString(StandardCharsets.UTF_8), Map.class);
        summary = parsed;

        ByteArrayOutputStream outK4 = new ByteArrayOutputStream();
        assertThat(new RewardsCli(new PrintStream(outK4, true, StandardCharsets.UTF_8), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new String[] {"grade", input.toString(), "--json", "--k", "4"})).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsedK4 = WireJson.MAPPER.readValue(outK4.toString(StandardCharsets.UTF_8), Map.class);
        summaryAt4 = parsedK4;
    }

    private static double number(String key) {
        return ((Number) summary.get(key)).doubleValue();
    }

    @Test
    void countsResponsesProblemsAndBadLines() {
        assertThat(summary).containsEntry("responses", 320).containsEntry("problems", 20).containsEntry("bad_lines", 2);
        assertThat(stderr).contains("line 8:").contains("line 31:").contains("response");
    }

    @Test
    void accuracyAndPassAt1AreTheMeanOfCorrectAnswers() {
        int correct = problems.stream().mapToInt(Problem::correct).sum();
        assertThat(number("accuracy")).isCloseTo(correct / 320.0, within(1e-12));
        double passAt1 = problems.stream().mapToDouble(p -> p.correct() / 16.0).average().orElseThrow();
        assertThat(number("pass_at_1")).isCloseTo(passAt1, within(1e-12));
        assertThat(number("format_rate")).isEqualTo(1.0);
        assertThat(number("language_mean")).isGreaterThan(0.9);
    }

    @Test
    void passAtKIsTheUnbiasedEstimatorOverProblems() {
        // with k = n = 16, pass@16 is 1 for every problem with at least one correct answer
        long solvable = problems.stream().filter(p -> p.correct() > 0).count();
        assertThat(number("pass_at_k")).isCloseTo(solvable / 20.0, within(1e-12));
        assertThat(summary).containsEntry("k", 16).containsEntry("pass_at_k_problems", 20);
    }

    @Test
    void consAtKVotesByEquivalenceAndBreaksTiesByFirstAppearance() {
        long right = problems.stream().filter(Problem::consCorrect).count();
        assertThat(right).isEqualTo(9);
        assertThat(number("cons_at_k")).isCloseTo(right / 20.0, within(1e-12));
    }

    @Test
    void atK4PassAtKAndConsAtKFollowTheFirstResponses() {
        double passAt4 = problems.stream().mapToDouble(p -> 1.0 - new java.math.BigDecimal(binomial(16 - p.correct(), 4))
                .divide(new java.math.BigDecimal(binomial(16, 4)), java.math.MathContext.DECIMAL128).doubleValue())
                .average().orElseThrow();
        assertThat(((Number) summaryAt4.get("pass_at_k")).doubleValue()).isCloseTo(passAt4, within(1e-12));
        // the first four answers: "3"s (5 problems, wrong), four spellings of 1/2 (5, right), "5"s (4, wrong),
        // 1/2 (3, right), none (2, wrong), 1/2 (1, right)
        assertThat(((Number) summaryAt4.get("cons_at_k")).doubleValue()).isCloseTo(9 / 20.0, within(1e-12));
    }

    @Test
    void writesOneLinePerResponseWithItsComponents() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("graded.jsonl"));
        assertThat(lines).hasSize(320);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = WireJson.MAPPER.readValue(lines.get(0), Map.class);
        assertThat(first).containsKeys("line", "problem_id", "reward", "components");
        assertThat(first.get("components").toString()).contains("accuracy", "format", "language");
    }

    @Test
    void passAtKMatchesBinomialsComputedExactly() {
        int[][] cases = {{16, 6, 4}, {16, 4, 8}, {16, 0, 3}, {16, 16, 1}, {10, 3, 10}, {5, 2, 2}, {100, 7, 20}};
        for (int[] c : cases) {
            int n = c[0];
            int correct = c[1];
            int k = c[2];
            double exact = n - correct < k ? 1.0
                    : 1.0 - new java.math.BigDecimal(binomial(n - correct, k)).divide(new java.math.BigDecimal(binomial(n, k)),
                    java.math.MathContext.DECIMAL128).doubleValue();
            assertThat(Summary.passAtK(n, correct, k)).as(n + "," + correct + "," + k).isCloseTo(exact, within(1e-12));
        }
        assertThat(Summary.passAtK(5, 2, 1)).isCloseTo(0.4, within(1e-15));
        assertThat(Summary.passAtK(5, 2, 2)).isCloseTo(0.7, within(1e-15));
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }
}
