package dev.rewards.code.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.SandboxUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The HTTP contract of the code-verifier over a scripted sandbox: wire forms, verdicts, scoring, errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CodeApiTests {

    @Value("${local.server.port}")
    private int port;

    // Real default methods: the judge streams tests through Sandbox.execute(language, job, sink), which feeds the
    // stubbed execute(language, job).
    @MockitoBean(answers = Answers.CALLS_REAL_METHODS)
    private Sandbox sandbox;

    private WebTestClient client;

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static Sandbox.Observation exited(int code, String stdout) {
        return new Sandbox.Observation(code, null, 12, 15, 9000, stdout, stdout.length(), false, "", null, false,
                false);
    }

    private static Sandbox.Observation compiled() {
        return exited(0, "");
    }

    private void sandboxPrints(String... outputs) {
        when(sandbox.execute(any(), any())).thenAnswer(call -> {
            Sandbox.Job job = call.getArgument(1);
            List<Sandbox.Observation> runs = java.util.Arrays.stream(outputs).limit(job.stdins().size())
                    .map(out -> exited(0, out)).toList();
            return new Sandbox.Outcome(compiled(), runs);
        });
    }

    @Test
    void stdioSubmissionFromAResponseIsAcceptedInSnakeCase() {
        sandboxPrints("4\n", "10  \n\n");
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"id": "s1", "language": "py", "response": "Here:\\n```python\\nprint(int(input())*2)\\n```",
                 "tests": {"format": "stdio", "cases": [{"input": "2", "output": "4"}, {"input": "5", "output": "10"}]}}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo("s1")
                .jsonPath("$.status").isEqualTo("accepted")
                .jsonPath("$.score").isEqualTo(1.0)
                .jsonPath("$.passed").isEqualTo(2)
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.compile.status").isEqualTo("ok")
                .jsonPath("$.cases[1].stdout_excerpt").isEqualTo("10  \n\n")
                .jsonPath("$.cases[0].memory_kb").isEqualTo(9000)
                .jsonPath("$.elapsed_ms").isNumber();
    }

    @Test
    void fractionScoringCountsPassedTests() {
        sandboxPrints("1\n", "3\n", "3\n", "4\n");
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "cpp", "code": "int main(){}", "scoring": "fraction",
                 "tests": {"inputs": ["a", "b", "c", "d"], "outputs": ["1", "2", "3", "4"]}}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("wrong_answer")
                .jsonPath("$.score").isEqualTo(0.75)
                .jsonPath("$.passed").isEqualTo(3)
                .jsonPath("$.cases.length()").isEqualTo(4)
                .jsonPath("$.cases[1].status").isEqualTo("wrong_answer");
    }

    @Test
    void allOrNothingStopsAtTheFirstFailure() {
        sandboxPrints("9\n", "2\n");
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "c", "code": "int main(){}",
                 "tests": {"format": "stdio", "cases": [{"input": "", "output": "1"}, {"input": "", "output": "2"}]}}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("wrong_answer")
                .jsonPath("$.score").isEqualTo(0.0)
                .jsonPath("$.cases.length()").isEqualTo(1);
    }

    @Test
    void responseWithoutCodeIsNoCodeWithoutRunningAnything() {
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "python", "response": "I cannot solve this.",
                 "tests": {"format": "stdio", "cases": [{"input": "", "output": "1"}]}}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("no_code")
                .jsonPath("$.score").isEqualTo(0.0);
        verify(sandbox, never()).execute(any(), any());
    }

    private static Sandbox.Observation judged(String verdictLine) {
        return new Sandbox.Observation(0, null, 12, 15, 9000, "", 0, false, "", null, false, false,
                new Sandbox.JudgeObservation(0, null, verdictLine + "\n", "", null, 0, 0));
    }

    @Test
    void callResultsAreDecidedByTheJudgeNotByWhatTheProgramPrints() {
        when(sandbox.execute(any(), any())).thenAnswer(call -> {
            Sandbox.Job job = call.getArgument(1);
            org.assertj.core.api.Assertions.assertThat(job.judgeInputs()).hasSize(2);
            return new Sandbox.Outcome(compiled(), List.of(
                    judged("{\"passed\": true, \"checks\": 1, \"failed_check\": null, \"error\": null}"),
                    judged("{\"passed\": false, \"checks\": 1, \"failed_check\": \"f(…) returned [1, 3]\", "
                            + "\"error\": {\"kind\": \"wrong_answer\", \"message\": \"a check failed\"}}")));
        });
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "python", "code": "def f(a): return a", "scoring": "fraction",
                 "tests": {"format": "call", "fn_name": "f",
                           "cases": [{"args": [[0, 1]], "expected": [0, 1]}, {"args": [[1, 2]], "expected": [1, 2]}]}}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.cases[0].status").isEqualTo("accepted")
                .jsonPath("$.cases[1].status").isEqualTo("wrong_answer");
    }

    @Test
    void anAssertSuiteWhoseProgramStoppedAnsweringIsARuntimeError() {
        when(sandbox.execute(any(), any())).thenReturn(new Sandbox.Outcome(compiled(), List.of(judged(
                "{\"passed\": false, \"checks\": 0, \"failed_check\": null, \"error\": {\"kind\": \"no_reply\", "
                        + "\"message\": \"the program ended before answering\"}}"))));
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "python", "code": "import sys\\nsys.exit(0)",
                 "tests": {"format": "assert", "test_code": "assert False"}}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("runtime_error")
                .jsonPath("$.score").isEqualTo(0.0);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        String[][] cases = {
                {"{\"language\": \"cobol\", \"code\": \"x\", \"tests\": {\"format\": \"stdio\", \"cases\": [{\"output\": \"1\"}]}}", "language"},
                {"{\"language\": \"c\", \"code\": \"x\", \"tests\": {\"format\": \"call\", \"fn_name\": \"f\", \"cases\": [{\"args\": [], \"expected\": 1}]}}", "tests.format"},
                {"{\"language\": \"c\", \"code\": \"x\", \"tests\": {\"format\": \"stdio\", \"cases\": [{\"output\": \"1\"}]}, \"limits\": {\"time_ms\": 999999}}", "limits.time_ms"},
                {"{\"language\": \"c\", \"code\": \"x\", \"tests\": {\"format\": \"pytest\"}}", "tests.format"},
                {"{\"language\": \"c\", \"code\": \"x\", \"tests\": {\"format\": \"stdio\", \"cases\": [{\"output\": \"1\"}]}, \"compare\": {\"mode\": \"fuzzy\"}}", "compare.mode"},
                {"{\"language\": \"c\", \"code\": \"x\", \"response\": \"y\", \"tests\": {\"format\": \"stdio\", \"cases\": [{\"output\": \"1\"}]}}", "response"},
                {"{\"language\": \"c\", \"code\": \"x\", \"scoring\": \"best\", \"tests\": {\"format\": \"stdio\", \"cases\": [{\"output\": \"1\"}]}}", "scoring"}};
        for (String[] c : cases) {
            client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue(c[0])
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail ->
                            org.assertj.core.api.Assertions.assertThat((String) detail).as(c[0]).contains(c[1]));
        }
    }

    @Test
    void sandboxFailureIsARetryable503NotAVerdict() {
        when(sandbox.execute(any(), any())).thenThrow(new SandboxUnavailableException("engine unreachable", null));
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "python", "code": "print(1)", "tests": {"format": "stdio", "cases": [{"output": "1"}]}}
                """).exchange().expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.detail").value(d ->
                        org.assertj.core.api.Assertions.assertThat((String) d).contains("engine unreachable"));
    }

    @Test
    void batchKeepsInputOrderAndRejectsABadItemUpFront() {
        sandboxPrints("1\n");
        client.post().uri("/v1/code/verify/batch").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"items": [
                  {"id": "a", "language": "python", "code": "print(1)", "tests": {"format": "stdio", "cases": [{"output": "1"}]}},
                  {"id": "b", "language": "python", "response": "no code", "tests": {"format": "stdio", "cases": [{"output": "1"}]}},
                  {"id": "c", "language": "java", "code": "x", "tests": {"format": "stdio", "cases": [{"output": "2"}]}}]}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results[0].id").isEqualTo("a")
                .jsonPath("$.results[0].status").isEqualTo("accepted")
                .jsonPath("$.results[1].status").isEqualTo("no_code")
                .jsonPath("$.results[2].status").isEqualTo("wrong_answer");
        client.post().uri("/v1/code/verify/batch").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"items": [{"language": "python", "code": "print(1)", "tests": {"format": "stdio", "cases": [{"output": "1"}]}},
                           {"language": "python", "code": "print(1)"}]}
                """).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d ->
                        org.assertj.core.api.Assertions.assertThat((String) d).startsWith("items[1].tests"));
    }

    @Test
    void runCodeSpeaksSandboxFusion() {
        when(sandbox.execute(any(), any())).thenAnswer(call -> {
            Sandbox.Job job = call.getArgument(1);
            // run_timeout is wall-clock time (SandboxFusion's meaning); the CPU bound lies beyond it.
            org.assertj.core.api.Assertions.assertThat(job.run().wallMs()).isEqualTo(3000);
            org.assertj.core.api.Assertions.assertThat(job.run().timeMs()).isGreaterThan(3000);
            org.assertj.core.api.Assertions.assertThat(job.compile().wallMs()).isEqualTo(4000);
            org.assertj.core.api.Assertions.assertThat(job.binaryFilesBase64()).containsKey("data.txt");
            return new Sandbox.Outcome(compiled(), List.of(exited(2, "out\n")), Map.of("data.txt", "aGk="));
        });
        client.post().uri("/run_code").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"code": "#include <cstdio>\\nint main(){return 2;}", "language": "cpp", "stdin": "",
                 "compile_timeout": 4, "run_timeout": 3, "memory_limit_MB": 128,
                 "files": {"data.txt": "aGk="}, "fetch_files": ["data.txt"]}
                """).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("Failed")
                .jsonPath("$.run_result.status").isEqualTo("Finished")
                .jsonPath("$.run_result.return_code").isEqualTo(2)
                .jsonPath("$.run_result.stdout").isEqualTo("out\n")
                .jsonPath("$.compile_result.status").isEqualTo("Finished")
                .jsonPath("$.files['data.txt']").isEqualTo("aGk=");
        verify(sandbox).execute(org.mockito.ArgumentMatchers.eq(Language.CPP), any());
    }

    @Test
    void runCodeAnswers504ForEveryFailureOfTheServiceBecauseVerlRetriesNothingElse() {
        when(sandbox.execute(any(), any())).thenThrow(new SandboxUnavailableException("engine down", null))
                .thenThrow(new SandboxUnavailableException("no container free", true, null));
        for (int i = 0; i < 2; i++) {
            client.post().uri("/run_code").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                    {"code": "print(1)", "language": "python", "compile_timeout": 10, "run_timeout": 10}
                    """).exchange().expectStatus().isEqualTo(504)
                    .expectHeader().exists("Retry-After")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // The service's own API keeps its 503.
        org.mockito.Mockito.doThrow(new SandboxUnavailableException("engine down", null)).when(sandbox)
                .execute(any(), any());
        client.post().uri("/v1/code/run").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"code": "print(1)", "language": "python"}
                """).exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void runCodeRejectsTimeoutsThatAreNotPositive() {
        for (String timeouts : List.of("\"run_timeout\": 0", "\"compile_timeout\": -1")) {
            client.post().uri("/run_code").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"code\": \"print(1)\", \"language\": \"python\", " + timeouts + "}")
                    .exchange().expectStatus().isBadRequest();
        }
        verify(sandbox, never()).execute(any(), any());
    }

    @Test
    void anOptionalLanguageWithoutItsImageIsA400NamingTheBuildCommandAndRunsNothing() {
        when(sandbox.missing(Language.GO)).thenReturn(true);
        sandboxPrints("1\n");
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "golang", "code": "package main", "tests": {"format": "stdio", "cases": [{"output": "1"}]}}
                """).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                        .startsWith("language: 'go' is not installed").contains("./rewards images --languages go"));
        client.post().uri("/v1/code/run").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "go", "code": "package main"}
                """).exchange().expectStatus().isBadRequest();
        // A batch is refused before any of its items runs, naming the item.
        client.post().uri("/v1/code/verify/batch").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"items": [{"language": "python", "code": "print(1)", "tests": {"format": "stdio", "cases": [{"output": "1"}]}},
                           {"language": "go", "code": "package main", "tests": {"format": "stdio", "cases": [{"output": "1"}]}}]}
                """).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d ->
                        org.assertj.core.api.Assertions.assertThat((String) d).startsWith("items[1].language: 'go'"));
        verify(sandbox, never()).execute(any(), any());
        // Languages that are installed still run.
        client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"language": "rust", "code": "fn main(){}", "tests": {"format": "stdio", "cases": [{"output": "1"}]}}
                """).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("accepted");
    }

    @Test
    void languagesListsTheInstalledOnesAndNamesTheMissing() {
        when(sandbox.missing(Language.CSHARP)).thenReturn(true);
        client.get().uri("/v1/code/languages").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.languages[*].name").value(names -> org.assertj.core.api.Assertions.assertThat(
                        (List<Object>) names).contains("python", "cpp", "go", "rust", "typescript", "ruby", "bash")
                        .doesNotContain("csharp"))
                .jsonPath("$.languages[?(@.name == 'go')].optional").isEqualTo(List.of(true))
                .jsonPath("$.languages[?(@.name == 'python')].optional").isEqualTo(List.of(false))
                .jsonPath("$.not_installed").isEqualTo(List.of("csharp"));
    }
}
