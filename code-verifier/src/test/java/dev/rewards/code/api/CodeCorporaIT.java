package dev.rewards.code.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.dockerjava.api.DockerClient;
import dev.rewards.code.CodeJudge;
import dev.rewards.code.CodeResult;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandboxes;
import dev.rewards.code.Verdict;
import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.web.JsonLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared code corpora in real sandboxes: every reference solution (HumanEval, MBPP, LeetCode, call-based, stdio
 * in four languages) must be accepted, and every negative or hostile submission must get one of its expected
 * verdicts. Afterwards no sandbox container of this run may be left.
 */
class CodeCorporaIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DockerSandbox sandbox;
    private static CodeJudge judge;
    private static LimitPolicy policy;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(2);
        policy = LimitPolicy.STANDARD;
        judge = new CodeJudge(sandbox, new LimitPolicy(policy.defaults(), policy.maxima(), 10000, 2048, 1024, 1000));
    }

    @AfterAll
    static void stopSandbox() {
        String owner = sandbox.ownerLabel();
        sandbox.close();
        try (DockerClient docker = sandbox.newClient()) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerSandbox.OWNER_LABEL, owner)).exec())
                    .as("sandbox containers left behind").isEmpty();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Case(String name, VerifyRequest request, List<Verdict> acceptable, Double expectedScore) {
    }

    @Test
    void referenceSolutionsAreAccepted() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (JsonNode row : JsonLines.read(CodeCorporaIT.class, "/corpus/code/humaneval/tasks.jsonl")) {
            // The prompt as prelude: its helpers (poly, encode_cyclic) are the tests' own, as trainers send them.
            Map<String, Object> tests = assertTests(row.get("tests").asString(), row.get("entry_point").asString());
            tests.put("prelude", row.get("prompt").asString());
            cases.add(accepted(row, tests, row.get("solution").asString()));
        }
        for (JsonNode row : JsonLines.read(CodeCorporaIT.class, "/corpus/code/mbpp/tasks.jsonl")) {
            StringBuilder test = new StringBuilder(row.get("test_setup_code").asString()).append('\n');
            row.get("tests").forEach(t -> test.append(t.asString()).append('\n'));
            cases.add(accepted(row, assertTests(test.toString(), null), row.get("solution").asString()));
        }
        for (JsonNode row : JsonLines.read(CodeCorporaIT.class, "/corpus/code/leetcode/tasks.jsonl")) {
            cases.add(accepted(row, assertTests(row.get("tests").asString(), null),
                    row.get("prelude").asString() + "\n" + row.get("solution").asString()));
        }
        for (JsonNode row : JsonLines.read(CodeCorporaIT.class, "/corpus/code/call/tasks.jsonl")) {
            cases.add(accepted(row, JSON.treeToValue(row.get("tests"), Map.class), row.get("solution").asString()));
        }
        for (JsonNode row : JsonLines.read(CodeCorporaIT.class, "/corpus/code/stdio/tasks.jsonl")) {
            cases.add(new Case(row.get("task_id").asString(), stdioRequest(row, "all_or_nothing"),
                    List.of(Verdict.ACCEPTED), 1.0));
        }
        assertThat(cases).hasSize(164 + 974 + 200 + 1 + 28);
        List<String> failures = run(cases);
        assertThat(failures).as("reference solutions not accepted").isEmpty();
    }

    @Test
    void negativeAndHostileSubmissionsGetTheirVerdicts() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (JsonNode row : JsonLines.read(CodeCorporaIT.class, "/corpus/code/stdio/verdicts.jsonl")) {
            String expected = row.get("expected_verdicts").get(0).asString();
            String source = row.get("task_id").asString();
            List<Verdict> acceptable = new ArrayList<>();
            Double score = null;
            String scoring = "all_or_nothing";
            for (JsonNode verdict : row.get("expected_verdicts")) {
                acceptable.addAll(verdicts(verdict.asString(), source));
            }
            if (floods(row) && acceptable.contains(Verdict.TIME_LIMIT)) {
                acceptable.add(Verdict.OUTPUT_LIMIT);
            }
            if (expected.startsWith("PARTIAL")) {
                scoring = "fraction";
                score = expected.contains("50%") ? 0.5 : -1.0;
            } else if (expected.startsWith("WA on test index 3")) {
                scoring = "fraction";
                score = 10.0 / 11.0;
            }
            cases.add(new Case(source, stdioRequest(row, scoring), acceptable, score));
        }
        assertThat(cases).hasSize(103);
        List<String> failures = run(cases);
        assertThat(failures).as("submissions with an unexpected verdict").isEmpty();
    }

    /**
     * DOMjudge truncates a flood of output at its file size limit and lets the program run into its time limit; our
     * runner stops a program once its output passes the cap (its stdout is a file, so that nothing written before
     * an exit is lost), so a flood that DOMjudge expects as TLE ends here as output_limit — still never accepted.
     */
    private static boolean floods(JsonNode row) {
        for (JsonNode hazard : row.path("hazards")) {
            if (hazard.asString().equals("output_flood")) {
                return true;
            }
        }
        return false;
    }

    /**
     * DOMjudge and Kattis have no memory-limit verdict (a program killed for memory is a run error there); CMS has.
     * So an expected RTE from DOMjudge/Kattis also accepts our memory_limit. Kattis limits the address space, so a
     * hog fails at its allocation; our limit is on resident memory (as DOMjudge's and CMS's), where a hog that
     * cannot touch its memory within the time limit (kattis/hello#memory_limit.cc fills 512 MB one dependent byte at
     * a time, ≈2.3 s of CPU here) ends as time_limit first — still never accepted.
     */
    private static List<Verdict> verdicts(String expected, String source) {
        String head = expected.replaceAll("\\(.*", "").strip();
        return switch (head) {
            case "AC" -> List.of(Verdict.ACCEPTED);
            case "WA", "NO_OUTPUT" -> List.of(Verdict.WRONG_ANSWER);
            case "TLE" -> List.of(Verdict.TIME_LIMIT);
            case "RTE" -> source.startsWith("cms/") ? List.of(Verdict.RUNTIME_ERROR)
                    : source.startsWith("kattis/")
                    ? List.of(Verdict.RUNTIME_ERROR, Verdict.MEMORY_LIMIT, Verdict.TIME_LIMIT)
                    : List.of(Verdict.RUNTIME_ERROR, Verdict.MEMORY_LIMIT);
            case "CE" -> List.of(Verdict.COMPILE_ERROR);
            case "MLE" -> List.of(Verdict.MEMORY_LIMIT);
            case "OLE" -> List.of(Verdict.OUTPUT_LIMIT);
            case "PARTIAL" -> List.of(Verdict.WRONG_ANSWER, Verdict.TIME_LIMIT, Verdict.RUNTIME_ERROR);
            case "config-dependent: AC if processes allowed, else WA" -> List.of(Verdict.ACCEPTED);
            case "WA on test index 3" -> List.of(Verdict.WRONG_ANSWER);
            default -> throw new IllegalArgumentException("unmapped verdict " + expected);
        };
    }

    /**
     * An assert suite runs as one program, so its time limit covers all of its asserts: 6 s, as slow-but-correct
     * MBPP references need (mbpp/123 sums amicable numbers below 10,000 in ≈2.5 s of CPU).
     */
    private static Case accepted(JsonNode row, Map<?, ?> tests, String code) {
        return new Case(row.get("task_id").asString(), new VerifyRequest(row.get("task_id").asString(),
                "python", null, code, tests, Map.of("time_ms", 6000), null, null, null), List.of(Verdict.ACCEPTED),
                1.0);
    }

    private static Map<String, Object> assertTests(String testCode, String entryPoint) {
        Map<String, Object> tests = new LinkedHashMap<>();
        tests.put("format", "assert");
        tests.put("test_code", testCode);
        tests.put("entry_point", entryPoint);
        return tests;
    }

    private static VerifyRequest stdioRequest(JsonNode row, String scoring) {
        List<Map<String, Object>> cases = new ArrayList<>();
        row.get("tests").forEach(t -> cases.add(Map.of("input", t.get("input").asString(),
                "output", t.get("output").asString())));
        String checker = row.path("checker").asString("");
        String mode = checker.contains("float_tolerance") ? "float"
                : checker.startsWith("diff") || checker.startsWith("exact") ? "lines" : "tokens";
        Map<String, Object> limits = new LinkedHashMap<>();
        if (row.hasNonNull("memory_limit_mb")) {
            limits.put("memory_mb", row.get("memory_limit_mb").asInt());
        }
        return new VerifyRequest(row.get("task_id").asString(), row.get("language").asString(), null,
                row.get("solution").asString(), Map.of("format", "stdio", "cases", cases), limits,
                Map.of("mode", mode, "case_insensitive", mode.equals("float")), scoring, null);
    }

    private static List<String> run(List<Case> cases) throws Exception {
        // No more programs at once than cores, as the service runs them (max-running): on 2 cores, 4 concurrent memory
        // hogs turned memory limits into time limits.
        ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Case c : cases) {
                futures.add(workers.submit(() -> check(c)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> future : futures) {
                String failure = future.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        } finally {
            workers.shutdownNow();
        }
    }

    private static String check(Case c) {
        CodeResult result = judge.verify(WireSubmissions.toSubmission(c.request(), judge.policy()));
        boolean verdictOk = c.acceptable().contains(result.status());
        boolean scoreOk = c.expectedScore() == null
                || (c.expectedScore() < 0 ? result.score() > 0 && result.score() < 1
                : Math.abs(result.score() - c.expectedScore()) < 1e-9);
        if (verdictOk && scoreOk) {
            return null;
        }
        String detail = result.cases().isEmpty() ? String.valueOf(result.compile())
                : result.cases().get(result.cases().size() - 1).toString();
        return c.name() + ": expected " + c.acceptable() + " score " + c.expectedScore() + ", got "
                + result.status() + " score " + result.score() + " — " + detail;
    }
}
