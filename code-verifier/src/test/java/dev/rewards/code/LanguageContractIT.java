package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Per language: hello, wrong answer, time limit, runtime error, compile error, memory limit — in real containers. */
class LanguageContractIT {

    private static DockerSandbox sandbox;
    private static CodeJudge judge;

    /**
     * {@code timeMs}: 1 s, or the row's own; the memory rows get 5 s, since how fast a runtime fills memory (V8
     * collects garbage again and again near its heap limit) is not what they test.
     */
    record Contract(String language, String name, String code, Verdict expected, int timeMs) {
        @Override
        public String toString() {
            return language + " " + name;
        }
    }

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(1);
        judge = new CodeJudge(sandbox, LimitPolicy.STANDARD);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    static Stream<Contract> contracts() {
        return JsonLines.read(LanguageContractIT.class, "/contracts/languages.jsonl").stream()
                .map(row -> new Contract(row.get("language").asString(), row.get("name").asString(),
                        row.get("code").asString(), Verdict.valueOf(row.get("expected").asString().toUpperCase()),
                        row.path("time_ms").asInt(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void verdict(Contract contract) {
        CodeSubmission submission = new CodeSubmission("c", Language.fromWireName(contract.language()), null,
                contract.code(), new TestSuite.Stdio(List.of(new TestSuite.StdioCase("3 4\n", "7\n"))),
                new CodeLimits(contract.timeMs(), 128, 64), null, false, true);
        CodeResult result = judge.verify(submission);
        assertThat(result.status()).as("%s → %s", contract, result).isEqualTo(contract.expected());
    }
}
