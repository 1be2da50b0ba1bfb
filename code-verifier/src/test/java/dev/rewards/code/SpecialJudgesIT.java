package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkers (testlib and Kattis protocols) and interactors in real containers: a multi-answer problem ("print a
 * permutation of 1..n without fixed points") accepts different correct outputs and rejects wrong ones, whatever the
 * program does to reach the judge's files; an interactive binary search accepts, rejects too many guesses and
 * times out a program that never answers; a broken checker is a failure naming it, never a verdict.
 */
class SpecialJudgesIT {

    private static final List<TestSuite.StdioCase> DERANGEMENTS = List.of(new TestSuite.StdioCase("4\n", "2 3 4 1\n"),
            new TestSuite.StdioCase("5\n", "2 3 4 5 1\n"), new TestSuite.StdioCase("6\n", "2 3 4 5 6 1\n"));
    private static final List<String> SECRETS = List.of("1000000 777777\n", "1000000 123456\n", "1000000 1000000\n");
    /** 2 s: the rows test verdicts, not speed, on machines that may be busy. */
    private static final CodeLimits LIMITS = new CodeLimits(2000, 128, 64);

    private static DockerSandbox sandbox;
    private static CodeJudge judge;

    /** {@code judgeLanguage} and {@code judge} (a file of judges/languages/): a companion other than the suite's. */
    record Row(String name, String suite, Language judgeLanguage, String judge, Language language, String program,
               Verdict expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(1);
        // Compilers run at the lowest priority: on a busy test machine their wall clock, not their CPU, runs out.
        LimitPolicy standard = LimitPolicy.STANDARD;
        judge = new CodeJudge(sandbox, new LimitPolicy(standard.defaults(), standard.maxima(), 30_000,
                standard.compileMemoryMb(), standard.maxSourceKb(), standard.maxTests()));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    static Stream<Row> rows() {
        return JsonLines.read(SpecialJudgesIT.class, "/judges/special-judges.jsonl").stream()
                .map(row -> new Row(row.get("name").asString(), row.get("suite").asString(),
                        row.has("judge") ? Language.fromWireName(row.get("judge_language").asString()) : null,
                        row.has("judge") ? row.get("judge").asString() : null,
                        Language.fromWireName(row.get("language").asString()), row.get("program").asString(),
                        Verdict.valueOf(row.get("expected").asString().toUpperCase())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void verdict(Row row) {
        long started = System.nanoTime();
        TestSuite suite = row.judge() == null ? suite(row.suite()) : suite(row.suite(), new TestSuite.JudgeProgram(
                row.judgeLanguage(), resource("languages/" + row.judge()), Map.of()));
        CodeResult result = judge.verify(submission(row.language(), resource("programs/" + row.program()), suite));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%-55s %-14s %5d ms%n", row.name(), result.status().wireName(), millis);
        assertThat(result.status()).as("%s → %s", row, result).isEqualTo(row.expected());
        if (row.expected() == Verdict.ACCEPTED) {
            assertThat(result.score()).isEqualTo(1.0);
            assertThat(result.passed()).isEqualTo(3);
        } else {
            assertThat(result.score()).isZero();
        }
        for (CodeResult.CaseReport c : result.cases()) {
            assertThat(c.feedback().values()).noneMatch(text -> text.contains("forged"));
        }
        if (row.suite().equals("kattis") && row.expected() != Verdict.RUNTIME_ERROR) {
            // The validator's own judgemessage.txt comes back with each case it judged.
            assertThat(result.cases()).allSatisfy(c -> assertThat(c.feedback()).containsKey("judgemessage.txt"));
        }
    }

    @Test
    void aCrashingCheckerIsAFailureNamingIt() {
        TestSuite tests = new TestSuite.Stdio(DERANGEMENTS, testlibChecker("crashing-checker.cpp"));
        assertThatThrownBy(() -> judge.verify(submission(Language.PYTHON, resource("programs/derange-shift.py"),
                tests)))
                .isInstanceOf(JudgeProgramException.class)
                .hasMessageContaining("the checker (cpp, sha256 ")
                .hasMessageContaining("killed by signal 11");
    }

    @Test
    void aCheckerReportingAJudgeFailureIsAFailureNamingIt() {
        TestSuite tests = new TestSuite.Stdio(DERANGEMENTS, testlibChecker("failing-checker.cpp"));
        assertThatThrownBy(() -> judge.verify(submission(Language.PYTHON, resource("programs/derange-shift.py"),
                tests)))
                .isInstanceOf(JudgeProgramException.class)
                .hasMessageContaining("the checker (cpp, sha256 ")
                .hasMessageContaining("judge failure (exit 3)")
                .hasMessageContaining("the jury's answer is inconsistent");
    }

    @Test
    void aCheckerThatDoesNotCompileIsAFailureNamingIt() {
        TestSuite tests = new TestSuite.Stdio(DERANGEMENTS, new TestSuite.Checker(new TestSuite.JudgeProgram(
                Language.CPP, "int main( {", Map.of()), TestSuite.CheckerProtocol.TESTLIB, false));
        assertThatThrownBy(() -> judge.verify(submission(Language.PYTHON, resource("programs/derange-shift.py"),
                tests)))
                .isInstanceOf(JudgeProgramException.class)
                .hasMessageContaining("the checker (cpp, sha256 ")
                .hasMessageContaining("does not compile");
    }

    @Test
    void partialPointsCountInFractionScoring() {
        TestSuite tests = new TestSuite.Stdio(List.of(new TestSuite.StdioCase("4\n", "2 3 4 1\n"),
                new TestSuite.StdioCase("4\n", "2 3 4 1\n")), testlibChecker("partial-checker.cpp"));
        // 2 1 3 4: half of the positions moved.
        String half = "input()\nprint('2 1 3 4')\n";
        CodeResult result = judge.verify(new CodeSubmission("p", Language.PYTHON, null, half, tests, LIMITS, null,
                true, false));
        assertThat(result.status()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(result.score()).isEqualTo(0.5);
        assertThat(result.passed()).isZero();
        assertThat(result.cases()).extracting(CodeResult.CaseReport::score).containsExactly(0.5, 0.5);
    }

    @Test
    void aCheckerIsBuiltOncePerSource() {
        TestSuite.JudgeProgram program = new TestSuite.JudgeProgram(Language.CPP,
                resource("derangement-checker.cpp") + "\n// cache probe " + System.nanoTime() + "\n",
                Map.of("testlib.h", resource("testlib.h")));
        long started = System.nanoTime();
        judge.build("checker", program);
        long cold = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        judge.build("checker", program);
        long warmMicros = (System.nanoTime() - started) / 1_000;
        System.out.printf("checker build: cold %d ms, cached %d µs%n", cold, warmMicros);
        assertThat(warmMicros).isLessThan(50_000);
    }

    private static TestSuite suite(String kind) {
        return switch (kind) {
            case "testlib" -> new TestSuite.Stdio(DERANGEMENTS, testlibChecker("derangement-checker.cpp"));
            case "kattis" -> new TestSuite.Stdio(DERANGEMENTS, new TestSuite.Checker(new TestSuite.JudgeProgram(
                    Language.PYTHON, resource("derangement-validator.py"), Map.of()), TestSuite.CheckerProtocol.KATTIS,
                    false));
            case "interactive" -> new TestSuite.Interactive(new TestSuite.JudgeProgram(Language.CPP,
                    resource("guess-interactor.cpp"), Map.of("testlib.h", resource("testlib.h"))), SECRETS);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The suite with a companion of another language (the same protocol and cases). */
    private static TestSuite suite(String kind, TestSuite.JudgeProgram companion) {
        return switch (kind) {
            case "testlib" -> new TestSuite.Stdio(DERANGEMENTS, new TestSuite.Checker(companion,
                    TestSuite.CheckerProtocol.TESTLIB, false));
            case "interactive" -> new TestSuite.Interactive(companion, SECRETS);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void aCompanionWhoseRuntimeIsNotInTheSubmissionsImageIsABadRequest() {
        TestSuite tests = new TestSuite.Stdio(DERANGEMENTS, new TestSuite.Checker(new TestSuite.JudgeProgram(
                Language.JAVA, resource("languages/derangement-checker.java"), Map.of()),
                TestSuite.CheckerProtocol.TESTLIB, false));
        assertThatThrownBy(() -> judge.verify(submission(Language.PYTHON, resource("programs/derange-shift.py"),
                tests)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a java checker runs beside java submissions only");
    }

    private static TestSuite.Checker testlibChecker(String source) {
        return new TestSuite.Checker(new TestSuite.JudgeProgram(Language.CPP, resource(source),
                Map.of("testlib.h", resource("testlib.h"))), TestSuite.CheckerProtocol.TESTLIB, false);
    }

    /** Fraction scoring, every test run: each case's verdict is checked, not only the first failure's. */
    private static CodeSubmission submission(Language language, String code, TestSuite tests) {
        return new CodeSubmission("s", language, null, code, tests, LIMITS, null, true, false);
    }

    static String resource(String name) {
        try (InputStream in = SpecialJudgesIT.class.getResourceAsStream("/judges/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
