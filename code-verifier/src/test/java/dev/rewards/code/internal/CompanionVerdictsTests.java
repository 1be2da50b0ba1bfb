package dev.rewards.code.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import dev.rewards.code.JudgeProgramException;
import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;
import dev.rewards.code.Verdict;
import dev.rewards.web.JsonLines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every class of companion outcome: the program's limits first, then the companion's protocol; a companion that
 * breaks (crash, its own limits, a code outside its protocol) is a failure naming it, never a verdict.
 */
class CompanionVerdictsTests {

    private static final TestSuite.JudgeProgram PROGRAM = new TestSuite.JudgeProgram(Language.PYTHON, "pass",
            Map.of());

    record Row(String name, JsonNode fields) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return JsonLines.read(CompanionVerdictsTests.class, "/companion-verdicts.jsonl").stream()
                .map(row -> new Row(row.get("name").asString(), row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void verdict(Row row) {
        JsonNode f = row.fields();
        Sandbox.JudgeObservation judge = f.path("judge").asBoolean(true)
                ? new Sandbox.JudgeObservation(integer(f, "judge_exit", 0), integer(f, "judge_signal", null),
                        f.path("judge_stdout").asString(""), "message", text(f, "judge_timed_out"), 5, 6, 100,
                        Map.of(), f.path("program_gone").asBoolean(false))
                : null;
        Sandbox.Observation run = new Sandbox.Observation(integer(f, "program_exit", 0),
                integer(f, "program_signal", null), 10, 20, 1000, "out", f.path("program_bytes").asLong(3),
                f.path("program_output_exceeded").asBoolean(false), "", text(f, "program_timed_out"), false, false,
                judge);
        String kind = f.get("kind").asString();
        String description = Companions.describe(kind.equals("interactor") ? "interactor" : "checker", PROGRAM);
        TestSuite.Checker checker = new TestSuite.Checker(PROGRAM, kind.equals("kattis")
                ? TestSuite.CheckerProtocol.KATTIS : TestSuite.CheckerProtocol.TESTLIB, false);
        String expected = f.get("expected").asString();
        if (expected.equals("failure")) {
            assertThatThrownBy(() -> judged(kind, run, checker, description))
                    .isInstanceOf(JudgeProgramException.class).hasMessageStartingWith(description + " failed on test 0");
            return;
        }
        CompanionVerdicts.Judged judged = judged(kind, run, checker, description);
        assertThat(judged.verdict()).isEqualTo(Verdict.valueOf(expected.toUpperCase()));
        assertThat(judged.score()).isEqualTo(f.get("score").asDouble());
    }

    private static CompanionVerdicts.Judged judged(String kind, Sandbox.Observation run, TestSuite.Checker checker,
                                                   String description) {
        return kind.equals("interactor")
                ? CompanionVerdicts.interactor(run, Language.PYTHON, 256, description, 0)
                : CompanionVerdicts.checker(run, Language.PYTHON, 256, checker, description, 0);
    }

    private static Integer integer(JsonNode row, String field, Integer absent) {
        JsonNode value = row.get(field);
        return value == null ? absent : value.isNull() ? null : value.asInt();
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
