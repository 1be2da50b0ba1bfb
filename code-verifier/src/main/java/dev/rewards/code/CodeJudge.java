package dev.rewards.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rewards.code.internal.JsonEquality;
import dev.rewards.code.internal.Programs;
import dev.rewards.code.internal.Verdicts;
import dev.rewards.code.judge.CodeExtraction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges submissions: extracts the program, runs it with all its tests in one sandbox job, and turns the
 * observations into verdicts and a score. Plain Java; the sandbox is the only dependency.
 */
public final class CodeJudge {

    private static final int EXCERPT_CHARS = 1024;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Sandbox sandbox;
    private final LimitPolicy policy;

    public CodeJudge(Sandbox sandbox, LimitPolicy policy) {
        this.sandbox = sandbox;
        this.policy = policy;
    }

    public LimitPolicy policy() {
        return policy;
    }

    public CodeResult verify(CodeSubmission submission) {
        long started = System.nanoTime();
        TestSuite tests = submission.tests();
        if (tests.size() > policy.maxTests()) {
            throw new IllegalArgumentException("tests: at most " + policy.maxTests() + " test cases, got " + tests.size());
        }
        String code = submission.code() != null ? submission.code()
                : CodeExtraction.extract(submission.response(), submission.language().wireName());
        if (code == null || code.isBlank()) {
            return new CodeResult(submission.id(), Verdict.NO_CODE, 0.0, 0, tests.size(), null, List.of(),
                    elapsed(started));
        }
        if (code.length() > policy.maxSourceKb() * 1024) {
            return new CodeResult(submission.id(), Verdict.COMPILE_ERROR, 0.0, 0, tests.size(),
                    new CodeResult.CompileReport("error", 0, "the program is longer than " + policy.maxSourceKb()
                            + " KiB"), List.of(), elapsed(started));
        }
        Programs.Prepared prepared = Programs.prepare(submission.language(), code, tests, submission.limits(), policy,
                submission.stopOnFirstFailure());
        List<CodeResult.CaseReport> cases = new ArrayList<>();
        int[] passed = {0};
        Verdict[] status = {Verdict.ACCEPTED};
        // Each test is judged as it arrives, so only one test's output is held at a time.
        Sandbox.Outcome outcome = sandbox.execute(submission.language(), prepared.job(), (i, run) -> {
            if (status[0] != Verdict.ACCEPTED && submission.stopOnFirstFailure()) {
                return;
            }
            Verdict verdict = judge(submission, prepared.token(), i, run);
            cases.add(new CodeResult.CaseReport(i, verdict, run.cpuMs(), run.memoryKb(), run.exitCode(), run.signal(),
                    excerpt(visibleStdout(run.stdout(), prepared.token()), false), excerpt(run.stderr(), true)));
            if (verdict == Verdict.ACCEPTED) {
                passed[0]++;
            } else if (status[0] == Verdict.ACCEPTED) {
                status[0] = verdict;
            }
        });
        CodeResult.CompileReport compile = compileReport(outcome.compile());
        if (compile != null && compile.status().equals("error")) {
            return new CodeResult(submission.id(), Verdict.COMPILE_ERROR, 0.0, 0, tests.size(), compile, List.of(),
                    elapsed(started));
        }
        if (status[0] == Verdict.ACCEPTED && passed[0] < tests.size()) {
            throw new SandboxUnavailableException("the sandbox returned " + outcome.tests().size() + " of "
                    + tests.size() + " test results", null);
        }
        double score = submission.allTests() ? (double) passed[0] / tests.size()
                : (status[0] == Verdict.ACCEPTED ? 1.0 : 0.0);
        return new CodeResult(submission.id(), status[0], score, passed[0], tests.size(), compile, cases,
                elapsed(started));
    }

    /**
     * Runs a program once on {@code stdin}; {@code binaryFiles} (base64) are written next to it and the
     * {@code fetchFiles} that exist afterwards come back.
     */
    public ProgramRun run(Language language, String code, String stdin, CodeLimits limits,
                          Map<String, String> binaryFiles, List<String> fetchFiles) {
        long started = System.nanoTime();
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code: required");
        }
        if (code.length() > policy.maxSourceKb() * 1024) {
            throw new IllegalArgumentException("code: longer than " + policy.maxSourceKb() + " KiB");
        }
        Programs.Prepared prepared = Programs.prepare(language, code,
                new TestSuite.Stdio(List.of(new TestSuite.StdioCase(stdin, ""))), limits, policy, true);
        Sandbox.Outcome outcome = sandbox.execute(language, prepared.job().withFiles(binaryFiles, fetchFiles));
        Sandbox.Observation compile = outcome.compile();
        if (compile != null && !compile.succeeded()) {
            return new ProgramRun(Verdict.COMPILE_ERROR, compile, null, outcome.fetchedFiles(), elapsed(started));
        }
        Sandbox.Observation run = outcome.tests().get(0);
        Verdict abnormal = Verdicts.ofRun(run, language, limits.memoryMb());
        return new ProgramRun(abnormal == null ? Verdict.ACCEPTED : abnormal, compile, run, outcome.fetchedFiles(),
                elapsed(started));
    }

    private Verdict judge(CodeSubmission submission, String token, int index, Sandbox.Observation run) {
        TestSuite tests = submission.tests();
        Verdict abnormal = Verdicts.ofRun(run, submission.language(), submission.limits().memoryMb());
        if (abnormal == Verdict.RUNTIME_ERROR && tests instanceof TestSuite.Assert
                && run.stderr() != null && run.stderr().contains("AssertionError")) {
            return Verdict.WRONG_ANSWER;
        }
        if (abnormal != null) {
            return abnormal;
        }
        if (tests instanceof TestSuite.Stdio stdio) {
            return submission.comparison().matches(run.stdout(), stdio.cases().get(index).output())
                    ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
        }
        if (tests instanceof TestSuite.Call call) {
            return callMatches(run.stdout(), token, call.cases().get(index).expected(),
                    submission.comparison().floatTolerance()) ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
        }
        return run.stdout().endsWith("\n" + token + "\n") ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
    }

    private static boolean callMatches(String stdout, String token, Object expected, double tolerance) {
        if (!stdout.startsWith(token + "\n")) {
            return false;
        }
        try {
            JsonNode actual = JSON.readTree(stdout.substring(token.length() + 1));
            JsonNode wanted = JSON.valueToTree(expected);
            return JsonEquality.equal(actual, wanted, tolerance);
        } catch (JacksonException e) {
            return false;
        }
    }

    private static CodeResult.CompileReport compileReport(Sandbox.Observation compile) {
        if (compile == null) {
            return null;
        }
        String stderr = excerpt((compile.stdout() == null ? "" : compile.stdout()) + compile.stderr(), false);
        if (compile.succeeded()) {
            return new CodeResult.CompileReport("ok", compile.cpuMs(), stderr);
        }
        String reason = compile.timedOut() != null ? "compilation exceeded its time limit\n"
                : compile.oomKilled() ? "compilation exceeded its memory limit\n" : "";
        return new CodeResult.CompileReport("error", compile.cpuMs(), reason + stderr);
    }

    /** Without the token line that call and assert harnesses write. */
    private static String visibleStdout(String stdout, String token) {
        if (stdout == null) {
            return "";
        }
        if (stdout.startsWith(token + "\n")) {
            return stdout.substring(token.length() + 1);
        }
        return stdout.endsWith("\n" + token + "\n") ? stdout.substring(0, stdout.length() - token.length() - 2) : stdout;
    }

    static String excerpt(String text, boolean tail) {
        if (text == null || text.length() <= EXCERPT_CHARS) {
            return text == null ? "" : text;
        }
        return tail ? "…" + text.substring(text.length() - EXCERPT_CHARS) : text.substring(0, EXCERPT_CHARS) + "…";
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
