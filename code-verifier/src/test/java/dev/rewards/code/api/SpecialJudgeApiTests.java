package dev.rewards.code.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Answers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The wire contract of checkers and interactors over a scripted sandbox: what reaches the sandbox (the companion,
 * its per-test files), how companion exit codes become verdicts and scores, a broken companion as a 503 naming it,
 * invalid requests as 400. The real protocol runs in SpecialJudgesIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpecialJudgeApiTests {

    private static final String VALIDATOR = "import sys\\nsys.exit(42)\\n";

    @Value("${local.server.port}")
    private int port;

    @MockitoBean(answers = Answers.CALLS_REAL_METHODS)
    private Sandbox sandbox;

    private WebTestClient client;
    private final List<Sandbox.Job> jobs = new ArrayList<>();

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Every test ends normally and its companion exits with the next of {@code exits} (stdout "0.5" for 7). */
    private void companionExits(Map<String, String> feedback, int... exits) {
        when(sandbox.execute(any(), any())).thenAnswer(call -> {
            Sandbox.Job job = call.getArgument(1);
            jobs.add(job);
            List<Sandbox.Observation> runs = new ArrayList<>();
            for (int i = 0; i < job.stdins().size(); i++) {
                runs.add(new Sandbox.Observation(0, null, 10, 12, 9000, "out", 3, false, "", null, false, false,
                        new Sandbox.JudgeObservation(exits[i], null, exits[i] == 7 ? "0.5\n" : "",
                                "checker says " + exits[i], null, 5, 6, 1000, feedback)));
            }
            return new Sandbox.Outcome(null, runs);
        });
    }

    private WebTestClient.ResponseSpec post(String body) {
        return client.post().uri("/v1/code/verify").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    @Test
    void aKattisValidatorDecidesAndItsFeedbackComesBack() {
        companionExits(Map.of("judgemessage.txt", "fine\n"), 42, 42);
        post("""
                {"language": "python", "code": "print(1)", "tests": {"format": "stdio",
                 "checker": {"language": "python", "source": "%s", "protocol": "kattis"},
                 "cases": [{"input": "1", "output": "answer one"}, {"input": "2", "output": "answer two"}]}}
                """.formatted(VALIDATOR)).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("accepted")
                .jsonPath("$.score").isEqualTo(1.0)
                .jsonPath("$.cases[0].feedback['judgemessage.txt']").isEqualTo("fine\n");
        Sandbox.Companion companion = jobs.get(0).companion();
        assertThat(companion.kind()).isEqualTo(Sandbox.Companion.Kind.CHECKER);
        assertThat(companion.stdinIsOutput()).isTrue();
        assertThat(companion.acceptExitCodes()).containsExactly(42);
        assertThat(companion.testFiles()).containsExactly(Map.of("input", "1", "answer", "answer one"),
                Map.of("input", "2", "answer", "answer two"));
        // The answers reach the companion only: never the program's files or stdin.
        assertThat(jobs.get(0).files().values()).noneMatch(text -> text.contains("answer one"));
        assertThat(jobs.get(0).stdins()).containsExactly("1", "2");
    }

    @Test
    void testlibExitCodesMapToVerdictsAndPartialPointsToTheScore() {
        companionExits(Map.of(), 0, 1, 2, 7);
        post("""
                {"language": "python", "code": "print(1)", "scoring": "fraction", "tests": {"format": "stdio",
                 "checker": {"language": "python", "source": "pass"},
                 "cases": [{"output": "a"}, {"output": "b"}, {"output": "c"}, {"output": "d"}]}}
                """).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("wrong_answer")
                .jsonPath("$.passed").isEqualTo(1)
                .jsonPath("$.score").isEqualTo(1.5 / 4)
                .jsonPath("$.cases[*].status").isEqualTo(List.of("accepted", "wrong_answer", "wrong_answer",
                        "wrong_answer"))
                .jsonPath("$.cases[3].score").isEqualTo(0.5);
    }

    @Test
    void aPresentationErrorCanBeConfiguredAsAccepted() {
        companionExits(Map.of(), 2);
        post("""
                {"language": "python", "code": "print(1)", "tests": {"format": "stdio",
                 "checker": {"language": "python", "source": "pass", "presentation_error": "accepted"},
                 "cases": [{"output": "a"}]}}
                """).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("accepted");
    }

    @Test
    void aCheckerReportingAJudgeFailureIsA503NamingItNeverAVerdict() {
        companionExits(Map.of(), 3);
        post("""
                {"language": "python", "code": "print(1)", "tests": {"format": "stdio",
                 "checker": {"language": "python", "source": "raise SystemExit(3)"}, "cases": [{"output": "a"}]}}
                """).expectStatus().isEqualTo(503).expectHeader().exists("Retry-After").expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("the checker (python, sha256 ").contains("judge failure (exit 3)")
                        .contains("checker says 3"));
    }

    @Test
    void anInteractorDecidesInteractiveTests() {
        companionExits(Map.of(), 0, 1);
        post("""
                {"language": "cpp", "code": "int main(){}", "scoring": "fraction", "tests": {"format": "interactive",
                 "interactor": {"language": "python", "source": "pass", "files": {"helper.py": "X = 1"}},
                 "cases": [{"input": "10 3"}, {"input": "10 7"}]}}
                """).expectStatus().isOk().expectBody()
                .jsonPath("$.cases[*].status").isEqualTo(List.of("accepted", "wrong_answer"))
                .jsonPath("$.score").isEqualTo(0.5);
        Sandbox.Companion companion = jobs.get(0).companion();
        assertThat(companion.kind()).isEqualTo(Sandbox.Companion.Kind.INTERACTOR);
        assertThat(companion.filesBase64()).containsKeys("interactor.py", "helper.py");
        assertThat(companion.testFiles()).containsExactly(Map.of("input", "10 3"), Map.of("input", "10 7"));
        // Isolated from user site and PYTHON* variables, its own directory (helper.py) still importable.
        assertThat(companion.command().cmd()).containsExactly("python3", "-s", "-E", "/sandbox/judge/interactor.py",
                "/sandbox/check/input", "/sandbox/check/tout");
    }

    /**
     * Every language is a companion language: beside a submission of its own language (whose image has its runtime)
     * a checker is built where it compiles (the artifact comes back as a fetched file) and judges.
     */
    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageIsACheckerLanguage(Language language) {
        when(sandbox.execute(any(), any())).thenAnswer(call -> {
            Sandbox.Job job = call.getArgument(1);
            jobs.add(job);
            if (job.companion() == null && !job.fetchFiles().isEmpty()) {
                Sandbox.Observation built = new Sandbox.Observation(0, null, 10, 12, 9000, "", 0, false, "", null,
                        false, false);
                return new Sandbox.Outcome(built, List.of(), Map.of(job.fetchFiles().get(0), "AAAA"));
            }
            List<Sandbox.Observation> runs = new ArrayList<>();
            for (int i = 0; i < job.stdins().size(); i++) {
                runs.add(new Sandbox.Observation(0, null, 10, 12, 9000, "out", 3, false, "", null, false, false,
                        new Sandbox.JudgeObservation(0, null, "", "", null, 5, 6, 1000, Map.of())));
            }
            return new Sandbox.Outcome(null, runs);
        });
        post("""
                {"language": "%s", "code": "x", "tests": {"format": "stdio",
                 "checker": {"language": "%s", "source": "class Main { public static void main(String[] a) {} }"},
                 "cases": [{"input": "1", "output": "answer"}]}}
                """.formatted(language.wireName(), language.wireName())).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("accepted");
        Sandbox.Job judged = jobs.get(jobs.size() - 1);
        assertThat(judged.companion()).isNotNull();
        assertThat(judged.companion().filesBase64()).hasSize(1);
        assertThat(jobs).hasSize(language.compiled() ? 2 : 1);
    }

    @Test
    void aCheckerWhoseRuntimeIsNotInTheSubmissionsImageIsABadRequestSayingWhatRunsEverywhere() {
        post("""
                {"language": "python", "code": "print(1)", "tests": {"format": "stdio",
                 "checker": {"language": "javascript", "source": "process.exit(0)"}, "cases": [{"output": "a"}]}}
                """).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("tests.checker.language: a javascript checker runs beside javascript or typescript"
                                + " submissions only")
                        .contains("write it in c, cpp, go, rust, python or bash"));
        verify(sandbox, never()).execute(any(), any());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"format": "stdio", "checker": {"language": "java", "source": "class A {}"}, "cases": [{"output": "a"}]}""",
            """
            {"format": "stdio", "checker": {"language": "python", "source": "pass", "protocol": "icpc"},
             "cases": [{"output": "a"}]}""",
            """
            {"format": "stdio", "checker": {"language": "python", "source": ""}, "cases": [{"output": "a"}]}""",
            """
            {"format": "stdio", "checker": {"language": "python", "source": "pass", "files": {"../x.py": "1"}},
             "cases": [{"output": "a"}]}""",
            """
            {"format": "stdio", "checker": {"language": "python", "source": "pass", "protocol": "kattis",
             "presentation_error": "accepted"}, "cases": [{"output": "a"}]}""",
            """
            {"format": "stdio", "checker": "python", "cases": [{"output": "a"}]}""",
            """
            {"format": "interactive", "cases": [{"input": "1"}]}""",
            """
            {"format": "interactive", "interactor": {"language": "python", "source": "pass"}, "cases": []}""",
            """
            {"format": "interactive", "interactor": {"language": "ruby", "source": "exit 0"}, "cases": [{"input": "1"}]}"""
    })
    void invalidCheckersAndInteractorsAreBadRequests(String tests) {
        post("""
                {"language": "python", "code": "print(1)", "tests": %s}
                """.formatted(tests)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("tests."));
        verify(sandbox, never()).execute(any(), any());
    }
}
