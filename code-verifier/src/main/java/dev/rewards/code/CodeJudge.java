package dev.rewards.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.rewards.code.internal.CompanionVerdicts;
import dev.rewards.code.internal.Companions;
import dev.rewards.code.internal.JudgedTests;
import dev.rewards.code.internal.Programs;
import dev.rewards.code.internal.Verdicts;
import dev.rewards.code.judge.CodeExtraction;

/**
 * Judges submissions: extracts the program, runs it with all its tests in one sandbox job, and turns the
 * observations into verdicts and a score. Plain Java; the sandbox is the only dependency.
 */
public final class CodeJudge {

    private static final int EXCERPT_CHARS = 1024;
    private static final int WALL_CLOCK_CPUS = 4;
    /**
     * Built checkers and interactors kept (least recently used first out): a static C++ checker is about 2 MiB, so
     * the cache holds some 64 MiB at most; a problem's checker is built once while it stays in use.
     */
    private static final int MAX_BUILDS = 32;

    private final Sandbox sandbox;
    private final LimitPolicy policy;
    private final Map<String, CompletableFuture<Companions.Built>> builds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Companions.Built>> eldest) {
            return size() > MAX_BUILDS;
        }
    };

    public CodeJudge(Sandbox sandbox, LimitPolicy policy) {
        this.sandbox = sandbox;
        this.policy = policy;
    }

    public LimitPolicy policy() {
        return policy;
    }

    /** Refuses a language whose runtime is not installed, before anything runs ({@link LanguageUnavailableException}). */
    public void requireInstalled(Language language) {
        if (sandbox.missing(language)) {
            throw new LanguageUnavailableException(language);
        }
    }

    public CodeResult verify(CodeSubmission submission) {
        long started = System.nanoTime();
        requireInstalled(submission.language());
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
        Companion companion = companion(submission);
        Sandbox.Job job = companion == null
                ? Programs.prepare(submission.language(), code, tests, submission.limits(), policy,
                        submission.stopOnFirstFailure(), submission.comparison().floatTolerance())
                : Programs.prepare(submission.language(), code, tests, submission.limits(), policy,
                        submission.stopOnFirstFailure(), companion.spec());
        List<CodeResult.CaseReport> cases = new ArrayList<>();
        int[] passed = {0};
        double[] points = {0.0};
        Verdict[] status = {Verdict.ACCEPTED};
        JudgeProgramException[] broken = {null};
        // Each test is judged as it arrives, so only one test's output is held at a time.
        Sandbox.Outcome outcome = sandbox.execute(submission.language(), job, (i, run) -> {
            if (broken[0] != null || status[0] != Verdict.ACCEPTED && submission.stopOnFirstFailure()) {
                return;
            }
            CompanionVerdicts.Judged judged;
            try {
                judged = judge(submission, i, run, companion);
            } catch (JudgeProgramException e) {
                // Not thrown through the sandbox (which would retry the job elsewhere): the problem is the dataset's.
                broken[0] = e;
                return;
            }
            Verdict verdict = judged.verdict();
            String stderr = judged.detail().isEmpty() ? run.stderr() : judged.detail() + "\n" + run.stderr();
            cases.add(new CodeResult.CaseReport(i, verdict, judged.score(), run.cpuMs(), run.memoryKb(),
                    run.exitCode(), run.signal(), excerpt(run.stdout(), false), excerpt(stderr, true),
                    judged.feedback()));
            points[0] += judged.score();
            if (verdict == Verdict.ACCEPTED) {
                passed[0]++;
            } else if (status[0] == Verdict.ACCEPTED) {
                status[0] = verdict;
            }
        });
        if (broken[0] != null) {
            throw broken[0];
        }
        CodeResult.CompileReport compile = compileReport(outcome.compile());
        if (compile != null && compile.status().equals("error")) {
            return new CodeResult(submission.id(), Verdict.COMPILE_ERROR, 0.0, 0, tests.size(), compile, List.of(),
                    elapsed(started));
        }
        if (status[0] == Verdict.ACCEPTED && passed[0] < tests.size()) {
            throw new SandboxUnavailableException("the sandbox returned " + outcome.tests().size() + " of "
                    + tests.size() + " test results", null);
        }
        // Fraction scoring sums the cases' shares (a checker's partial scores included); passed counts whole cases.
        double score = submission.allTests() ? points[0] / tests.size()
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
        return run(language, code, stdin, limits, binaryFiles, fetchFiles, null);
    }

    /**
     * Like {@link #run}, with SandboxFusion's timing: the run ends after {@code wallClock.runMs} of wall-clock time
     * (not CPU time: a program that sleeps or waits is stopped too, one that computes gets the whole span) and the
     * compile phase after {@code wallClock.compileMs}.
     */
    public ProgramRun runWallClock(Language language, String code, String stdin, CodeLimits limits,
                                   WallClock wallClock, Map<String, String> binaryFiles, List<String> fetchFiles) {
        return run(language, code, stdin, limits, binaryFiles, fetchFiles, wallClock);
    }

    /** Wall-clock budgets of a run's phases, in milliseconds. */
    public record WallClock(int compileMs, int runMs) {
        public WallClock {
            if (compileMs <= 0 || runMs <= 0) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    private ProgramRun run(Language language, String code, String stdin, CodeLimits limits,
                           Map<String, String> binaryFiles, List<String> fetchFiles, WallClock wallClock) {
        long started = System.nanoTime();
        requireInstalled(language);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code: required");
        }
        if (code.length() > policy.maxSourceKb() * 1024) {
            throw new IllegalArgumentException("code: longer than " + policy.maxSourceKb() + " KiB");
        }
        Sandbox.Job job = Programs.prepare(language, code,
                new TestSuite.Stdio(List.of(new TestSuite.StdioCase(stdin, ""))), limits, policy, true, 0)
                .withFiles(binaryFiles, fetchFiles);
        if (wallClock != null) {
            job = new Sandbox.Job(job.files(), job.compile() == null ? null : limitedTo(job.compile(),
                    wallClock.compileMs()), limitedTo(job.run(), wallClock.runMs()), job.stdins(), job.stopOnFailure(),
                    job.compileMemoryMb(), job.runMemoryMb(), job.binaryFilesBase64(), job.fetchFiles());
        }
        Sandbox.Outcome outcome = sandbox.execute(language, job);
        Sandbox.Observation compile = outcome.compile();
        if (compile != null && !compile.succeeded()) {
            return new ProgramRun(Verdict.COMPILE_ERROR, compile, null, outcome.fetchedFiles(), elapsed(started));
        }
        Sandbox.Observation run = outcome.tests().get(0);
        Verdict abnormal = Verdicts.ofRun(run, language, limits.memoryMb());
        return new ProgramRun(abnormal == null ? Verdict.ACCEPTED : abnormal, compile, run, outcome.fetchedFiles(),
                elapsed(started));
    }

    /**
     * SandboxFusion limits wall time only: the CPU bound sits beyond what a container of up to
     * {@value #WALL_CLOCK_CPUS} CPUs could spend within the wall limit, so that the wall clock alone ends a run.
     */
    private static Sandbox.Command limitedTo(Sandbox.Command command, int wallMs) {
        return new Sandbox.Command(command.cmd(), wallMs * WALL_CLOCK_CPUS, wallMs, command.outputBytes(),
                command.fileMb(), command.stackMb(), command.env());
    }

    /** A submission's checker or interactor, built (or found built) and ready to ship with its job. */
    private record Companion(Sandbox.Companion spec, String description) {
    }

    private Companion companion(CodeSubmission submission) {
        if (submission.tests() instanceof TestSuite.Stdio stdio && stdio.checker() != null) {
            Companions.requireHost(Companions.CHECKER, stdio.checker().program(), submission.language());
            Companions.Built built = build(Companions.CHECKER, stdio.checker().program());
            return new Companion(Companions.checker(built, stdio.checker(), stdio.cases(), submission.limits()),
                    built.description());
        }
        if (submission.tests() instanceof TestSuite.Interactive interactive) {
            Companions.requireHost(Companions.INTERACTOR, interactive.interactor(), submission.language());
            Companions.Built built = build(Companions.INTERACTOR, interactive.interactor());
            return new Companion(Companions.interactor(built, interactive, submission.limits()),
                    built.description());
        }
        return null;
    }

    /**
     * Builds a companion once per distinct source (language, source, files): concurrent requests for the same one
     * wait for the first build; a failed build is not kept (the next request tries again).
     */
    Companions.Built build(String role, TestSuite.JudgeProgram program) {
        if (!Companions.compiled(program.language())) {
            return Companions.source(role, program);
        }
        requireInstalled(program.language());
        String key = role + ":" + Companions.key(program);
        CompletableFuture<Companions.Built> mine = new CompletableFuture<>();
        CompletableFuture<Companions.Built> existing;
        synchronized (builds) {
            existing = builds.get(key);
            if (existing == null) {
                builds.put(key, mine);
            }
        }
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Companions.Built built = Companions.fromCompile(role, program,
                    sandbox.execute(program.language(), Companions.compileJob(role, program, policy)));
            mine.complete(built);
            return built;
        } catch (RuntimeException e) {
            synchronized (builds) {
                builds.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Stdio tests compare the program's stdout (or ask their checker); call and assert tests are judged tests
     * (JudgedTests); interactive tests are decided by their interactor.
     */
    private static CompanionVerdicts.Judged judge(CodeSubmission submission, int index, Sandbox.Observation run,
                                                  Companion companion) {
        Language language = submission.language();
        int memoryMb = submission.limits().memoryMb();
        if (submission.tests() instanceof TestSuite.Interactive) {
            return CompanionVerdicts.interactor(run, language, memoryMb, companion.description(), index);
        }
        if (!(submission.tests() instanceof TestSuite.Stdio stdio)) {
            JudgedTests.Judged judged = JudgedTests.judge(run, language, memoryMb);
            return new CompanionVerdicts.Judged(judged.verdict(), judged.verdict() == Verdict.ACCEPTED ? 1.0 : 0.0,
                    judged.detail(), Map.of());
        }
        if (stdio.checker() != null) {
            return CompanionVerdicts.checker(run, language, memoryMb, stdio.checker(), companion.description(), index);
        }
        Verdict abnormal = Verdicts.ofRun(run, language, memoryMb);
        Verdict verdict = abnormal != null ? abnormal
                : submission.comparison().matches(run.stdout(), stdio.cases().get(index).output())
                ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
        return new CompanionVerdicts.Judged(verdict, verdict == Verdict.ACCEPTED ? 1.0 : 0.0, "", Map.of());
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
