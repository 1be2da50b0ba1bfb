package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rewards.code.judge.OutputComparison;
import dev.rewards.code.judge.CompareMode;
import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Call and assert tests as judged jobs over a scripted sandbox: what the job holds (only solution.py, the callee, the
 * trusted judge and one judge input per test) and how the observations become verdicts (judged-verdicts.jsonl).
 */
class JudgedTestsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSED = "{\"passed\": true, \"checks\": 1, \"failed_check\": null, \"error\": null}";

    /** A sandbox that records the job and answers with the given observations (none: every test passes). */
    static final class ScriptedSandbox implements Sandbox {
        final List<Job> jobs = new ArrayList<>();
        private final List<Observation> answers;

        ScriptedSandbox(List<Observation> answers) {
            this.answers = answers;
        }

        @Override
        public Outcome execute(Language language, Job job) {
            jobs.add(job);
            List<Observation> runs = answers.isEmpty() ? job.stdins().stream().map(stdin -> job.judge() == null
                    ? observation(0, null, "1\n", "", null, false, false, null)
                    : observation(0, null, "", "", null, false, false, judgeSays(PASSED))).toList()
                    : answers.subList(0, Math.min(answers.size(), job.stdins().size()));
            return new Outcome(observation(0, null, "", "", null, false, false, null), runs);
        }
    }

    private static Sandbox.Observation observation(Integer exit, Integer signal, String stdout, String stderr,
                                                   String timedOut, boolean oom, boolean outputExceeded,
                                                   Sandbox.JudgeObservation judge) {
        return new Sandbox.Observation(exit, signal, 20, 30, 9000, stdout, stdout.length(), outputExceeded, stderr,
                timedOut, oom, false, judge);
    }

    private static Sandbox.JudgeObservation judgeSays(String line) {
        return new Sandbox.JudgeObservation(0, null, line + "\n", "", null, 0, 0);
    }

    private static CodeSubmission submission(TestSuite tests, boolean fraction) {
        return new CodeSubmission("s", Language.PYTHON, null, "def f(x):\n    return x\n", tests,
                new CodeLimits(1000, 128, 64), new OutputComparison(CompareMode.LINES, false, 1e-7), fraction,
                !fraction);
    }

    private static TestSuite.Call callTests() {
        Map<String, Object> keywords = new LinkedHashMap<>();
        keywords.put("x", List.of(1, 2));
        return new TestSuite.Call("f", List.of(new TestSuite.CallCase(List.of(3), 3),
                new TestSuite.CallCase(keywords, List.of(1.5, "a", true))));
    }

    @Test
    void callTestsBecomeJudgedTestsWithOnlyTheSolutionInTheWorkDirectory() {
        ScriptedSandbox sandbox = new ScriptedSandbox(List.of());
        assertThat(new CodeJudge(sandbox, LimitPolicy.STANDARD).verify(submission(callTests(), true)).score())
                .isEqualTo(1.0);
        Sandbox.Job job = sandbox.jobs.get(0);
        assertThat(job.files()).containsOnlyKeys("solution.py")
                .containsEntry("solution.py", "def f(x):\n    return x\n");
        assertThat(job.compile().cmd()).containsExactly("@python-syntax", "solution.py");
        assertThat(job.run().cmd()).containsExactly("python3", "/opt/rewards/callee.py");
        assertThat(job.run().timeMs()).isEqualTo(1000);
        assertThat(job.judge().cmd()).containsExactly("python3", "-I", "/opt/rewards/judge.py");
        assertThat(job.judge().timeMs()).isGreaterThan(job.run().timeMs());
        assertThat(job.judge().wallMs()).isGreaterThan(job.run().wallMs());
        assertThat(job.stdins()).containsExactly("", "");
        assertThat(job.judgeInputs()).hasSize(2);
        JsonNode first = JSON.readTree(job.judgeInputs().get(0));
        assertThat(first.get("mode").asString()).isEqualTo("call");
        assertThat(first.get("fn_name").asString()).isEqualTo("f");
        assertThat(first.get("args").toString()).isEqualTo("[3]");
        assertThat(first.get("expected").isInt()).isTrue();
        assertThat(first.get("float_tolerance").asDouble()).isEqualTo(1e-7);
        JsonNode second = JSON.readTree(job.judgeInputs().get(1));
        assertThat(second.get("args").toString()).isEqualTo("{\"x\":[1,2]}");
        assertThat(second.get("expected").toString()).isEqualTo("[1.5,\"a\",true]");
        String everything = job.files().toString() + job.stdins() + job.run() + job.compile();
        assertThat(everything).as("expected values reach the program's side").doesNotContain("1.5");
    }

    @Test
    void anAssertSuiteIsOneJudgedTestCarryingTheTestCodeAndEntryPoint() {
        ScriptedSandbox sandbox = new ScriptedSandbox(List.of());
        String tests = "def check(candidate):\n    assert candidate(2) == 2\n";
        new CodeJudge(sandbox, LimitPolicy.STANDARD).verify(submission(new TestSuite.Assert(tests, "f"), false));
        Sandbox.Job job = sandbox.jobs.get(0);
        assertThat(job.files()).containsOnlyKeys("solution.py");
        assertThat(job.stdins()).containsExactly("");
        JsonNode input = JSON.readTree(job.judgeInputs().get(0));
        assertThat(input.get("mode").asString()).isEqualTo("assert");
        assertThat(input.get("test_code").asString()).isEqualTo(tests);
        assertThat(input.get("entry_point").asString()).isEqualTo("f");
        assertThat(job.files().get("solution.py")).doesNotContain("candidate");
        assertThat(input.has("prelude")).isFalse();
    }

    @Test
    void aPreludeTravelsToTheJudgeOnlyNeverToTheProgram() {
        ScriptedSandbox sandbox = new ScriptedSandbox(List.of());
        String prelude = "def encode_cyclic(s):\n    return s[1:] + s[:1]\n";
        new CodeJudge(sandbox, LimitPolicy.STANDARD).verify(submission(
                new TestSuite.Assert("def check(candidate):\n    assert candidate('ab') == 'ab'\n", "f", prelude), false));
        Sandbox.Job job = sandbox.jobs.get(0);
        assertThat(JSON.readTree(job.judgeInputs().get(0)).get("prelude").asString()).isEqualTo(prelude);
        assertThat(job.files().toString() + job.stdins()).doesNotContain("encode_cyclic");
    }

    @Test
    void stdioJobsStayPlainRuns() {
        ScriptedSandbox sandbox = new ScriptedSandbox(List.of());
        new CodeJudge(sandbox, LimitPolicy.STANDARD).verify(submission(new TestSuite.Stdio(
                List.of(new TestSuite.StdioCase("1", "1"))), false));
        assertThat(sandbox.jobs.get(0).judge()).isNull();
        assertThat(sandbox.jobs.get(0).judgeInputs()).isEmpty();
    }

    @Test
    void aJudgedJobNeedsOneJudgeInputPerTest() {
        Sandbox.Command command = new Sandbox.Command(List.of("x"), 1, 1, 1, 1, 0, Map.of());
        assertThatThrownBy(() -> new Sandbox.Job(Map.of(), null, command, List.of("", ""), true, 1, 1, Map.of(),
                List.of(), command, List.of("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sandbox.Job(Map.of(), null, command, List.of(""), true, 1, 1, Map.of(),
                List.of(), null, List.of("{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<JsonNode> verdictRows() {
        return JsonLines.read(JudgedTestsTests.class, "/judged-verdicts.jsonl").stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("verdictRows")
    void observationsBecomeVerdicts(JsonNode row) {
        JsonNode program = row.get("program");
        JsonNode judge = row.get("judge");
        Sandbox.JudgeObservation judged = judge.isNull() ? null : new Sandbox.JudgeObservation(
                judge.path("exit_code").isInt() ? judge.get("exit_code").asInt() : null,
                judge.path("signal").isInt() ? judge.get("signal").asInt() : null,
                judge.path("stdout").asString(""), judge.path("stderr").asString(""),
                judge.path("timed_out").isString() ? judge.get("timed_out").asString() : null, 0, 0);
        Sandbox.Observation run = observation(
                program.path("exit_code").isInt() ? program.get("exit_code").asInt() : null,
                program.path("signal").isInt() ? program.get("signal").asInt() : null,
                program.path("stdout").asString(""), program.path("stderr").asString(""),
                program.path("timed_out").isString() ? program.get("timed_out").asString() : null,
                program.path("oom_killed").asBoolean(false), program.path("output_exceeded").asBoolean(false), judged);
        CodeJudge judgeOf = new CodeJudge(new ScriptedSandbox(List.of(run)), LimitPolicy.STANDARD);
        CodeSubmission submission = submission(new TestSuite.Assert("assert f(1) == 1", null), false);
        String expected = row.get("expected").asString();
        String why = row.get("why").asString();
        switch (expected) {
            case "503" -> assertThatThrownBy(() -> judgeOf.verify(submission)).as(why)
                    .isInstanceOf(SandboxUnavailableException.class);
            case "400" -> assertThatThrownBy(() -> judgeOf.verify(submission)).as(why)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tests");
            default -> {
                CodeResult result = judgeOf.verify(submission);
                assertThat(result.status().wireName()).as(why).isEqualTo(expected);
                assertThat(result.score()).as(why).isEqualTo(expected.equals("accepted") ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void fractionScoringCountsJudgedCasesAndReportsTheJudgesFinding() {
        Sandbox.Observation pass = observation(0, null, "", "", null, false, false, judgeSays(PASSED));
        Sandbox.Observation fail = observation(0, null, "", "", null, false, false,
                judgeSays("{\"passed\": false, \"checks\": 1, \"failed_check\": \"f(…) returned 2.0\", "
                        + "\"error\": {\"kind\": \"wrong_answer\", \"message\": \"a check failed\"}}"));
        CodeResult result = new CodeJudge(new ScriptedSandbox(List.of(pass, fail)), LimitPolicy.STANDARD)
                .verify(submission(callTests(), true));
        assertThat(result.score()).isEqualTo(0.5);
        assertThat(result.status()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(result.cases().get(1).stderrExcerpt())
                .startsWith("wrong_answer: a check failed — f(…) returned 2.0");
    }
}
