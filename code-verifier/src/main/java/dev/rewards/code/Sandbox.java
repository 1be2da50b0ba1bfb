package dev.rewards.code;

import java.util.List;
import java.util.Map;

/**
 * Runs a job in an isolated runtime of its language: the files written to a fresh work directory, the optional
 * compile command, then the run command once per stdin — in a judged job (call and assert tests) next to the job's
 * judge command, which reads that test's judge input (sandbox/common/judge.py). Implementations report what they
 * observed and nothing else; verdicts are the judge's. An infrastructure failure is a
 * {@link SandboxUnavailableException}, never an observation; an invalid job (a bad file name) is an
 * {@link IllegalArgumentException}.
 */
public interface Sandbox {

    /** Runs the job and returns every observation whole. */
    Outcome execute(Language language, Job job);

    /**
     * True when the language's runtime is known to be missing here (an optional language whose image was not
     * built): a request for it is the caller's mistake for this deployment, not a failure to retry.
     */
    default boolean missing(Language language) {
        return false;
    }

    /**
     * Runs the job and hands each test's observation to {@code sink} as it completes, so that a caller holds one
     * test's output at a time; the returned outcome's tests then carry no stdout. A test may be delivered once only,
     * in index order, even when the sandbox retries the job elsewhere.
     */
    default Outcome execute(Language language, Job job, TestSink sink) {
        Outcome outcome = execute(language, job);
        for (int i = 0; i < outcome.tests().size(); i++) {
            sink.accept(i, outcome.tests().get(i));
        }
        return outcome;
    }

    /** Receives the observation of test {@code index}. */
    @FunctionalInterface
    interface TestSink {
        void accept(int index, Observation observation);
    }

    /**
     * @param compileMemoryMb memory of the compile phase (compiled languages)
     * @param runMemoryMb     memory of the container while the tests run: program limit plus the runtime's overhead
     * @param judge           when set, every test is judged: the trusted judge runs beside the program (pipes on
     *                        fds 3 and 4, see JUDGED_RUN) and reads its test's {@code judgeInputs} entry on stdin
     * @param judgeInputs     one per stdin when {@code judge} is set, else empty; never written to any file
     */
    record Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
               int compileMemoryMb, int runMemoryMb, Map<String, String> binaryFilesBase64, List<String> fetchFiles,
               Command judge, List<String> judgeInputs, Companion companion, long fetchLimitBytes) {
        public static final long DEFAULT_FETCH_LIMIT_BYTES = 1 << 20;

        public Job {
            files = Map.copyOf(files);
            stdins = List.copyOf(stdins);
            binaryFilesBase64 = Map.copyOf(binaryFilesBase64);
            fetchFiles = List.copyOf(fetchFiles);
            judgeInputs = List.copyOf(judgeInputs);
            if (judge == null ? !judgeInputs.isEmpty() : judgeInputs.size() != stdins.size()) {
                throw new IllegalArgumentException("a judged job has one judge input per test, others none");
            }
            if (companion != null && (judge != null || companion.testFiles().size() != stdins.size())) {
                throw new IllegalArgumentException("a job with a companion has no judge and its files for every test");
            }
        }

        public Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
                   int compileMemoryMb, int runMemoryMb, Map<String, String> binaryFilesBase64,
                   List<String> fetchFiles, Command judge, List<String> judgeInputs) {
            this(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb, binaryFilesBase64,
                    fetchFiles, judge, judgeInputs, null, DEFAULT_FETCH_LIMIT_BYTES);
        }

        public Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
                   int compileMemoryMb, int runMemoryMb, Map<String, String> binaryFilesBase64,
                   List<String> fetchFiles) {
            this(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb, binaryFilesBase64,
                    fetchFiles, null, List.of());
        }

        public Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
                   int compileMemoryMb, int runMemoryMb) {
            this(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb, Map.of(), List.of());
        }

        public Job withFiles(Map<String, String> binaryFilesBase64, List<String> fetchFiles) {
            return new Job(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb,
                    binaryFilesBase64, fetchFiles, judge, judgeInputs);
        }

        /** With a companion (checker, interactor) and the container memory that holds it too. */
        public Job withCompanion(Companion companion, int runMemoryMb) {
            // A one-phase job (same memory to compile and run) stays one phase.
            int compileMemory = compileMemoryMb == this.runMemoryMb ? runMemoryMb : compileMemoryMb;
            return new Job(files, compile, run, stdins, stopOnFailure, compileMemory, runMemoryMb,
                    binaryFilesBase64, fetchFiles, judge, judgeInputs, companion, fetchLimitBytes);
        }

        public Job withJudge(Command judge, List<String> judgeInputs) {
            return new Job(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb,
                    binaryFilesBase64, fetchFiles, judge, judgeInputs);
        }
    }

    /**
     * An untrusted program of the problem's (checker or interactor) that runs beside each test under a uid of its
     * own: its files (the built program, base64) in a directory only it may read, each test's files ({@code input},
     * {@code answer}) given to it alone. A {@code CHECKER} runs after the program has ended, on the program's output
     * (its stdin too when {@code stdinIsOutput}); an {@code INTERACTOR} runs with the program, connected stdout to
     * stdin both ways. {@code acceptExitCodes}: the exit codes that pass a test (for stop-on-failure).
     */
    record Companion(Kind kind, Command command, int memoryMb, boolean stdinIsOutput, boolean feedback,
                     List<Integer> acceptExitCodes, Map<String, String> filesBase64,
                     List<Map<String, String>> testFiles) {
        public enum Kind { CHECKER, INTERACTOR }

        public Companion {
            acceptExitCodes = List.copyOf(acceptExitCodes);
            filesBase64 = Map.copyOf(filesBase64);
            testFiles = testFiles.stream().map(Map::copyOf).toList();
        }
    }

    /** A command line with the limits of each of its runs. {@code cmd[0]} may be a runner built-in such as {@code @python-syntax}. */
    record Command(List<String> cmd, int timeMs, int wallMs, long outputBytes, int fileMb, int stackMb,
                   Map<String, String> env) {
        public Command {
            cmd = List.copyOf(cmd);
            env = Map.copyOf(env);
        }
    }

    /**
     * {@code compile} is null when there was no compile phase; {@code tests} may be shorter than the stdins on a stop;
     * {@code fetchedFiles} holds the requested files that existed after the run (base64).
     */
    record Outcome(Observation compile, List<Observation> tests, Map<String, String> fetchedFiles) {
        public Outcome {
            tests = List.copyOf(tests);
            fetchedFiles = Map.copyOf(fetchedFiles);
        }

        public Outcome(Observation compile, List<Observation> tests) {
            this(compile, tests, Map.of());
        }
    }

    /**
     * What one program run did; {@code timedOut} is {@code cpu}, {@code wall} or null. {@code cpuMs} is the CPU time
     * of the program's whole process tree, {@code memoryKb} its peak memory (summed over its processes);
     * {@code judge} is set for a judged test.
     */
    record Observation(Integer exitCode, Integer signal, long cpuMs, long wallMs, long memoryKb, String stdout,
                       long stdoutBytes, boolean outputExceeded, String stderr, String timedOut, boolean oomKilled,
                       boolean startFailed, JudgeObservation judge) {

        public Observation(Integer exitCode, Integer signal, long cpuMs, long wallMs, long memoryKb, String stdout,
                           long stdoutBytes, boolean outputExceeded, String stderr, String timedOut,
                           boolean oomKilled, boolean startFailed) {
            this(exitCode, signal, cpuMs, wallMs, memoryKb, stdout, stdoutBytes, outputExceeded, stderr, timedOut,
                    oomKilled, startFailed, null);
        }

        public boolean succeeded() {
            return timedOut == null && !oomKilled && !outputExceeded && !startFailed && exitCode != null
                    && exitCode == 0;
        }

        /** The same observation without its stdout (what a streaming caller keeps after judging it). */
        public Observation withoutStdout() {
            return new Observation(exitCode, signal, cpuMs, wallMs, memoryKb, "", stdoutBytes, outputExceeded, stderr,
                    timedOut, oomKilled, startFailed, judge);
        }
    }

    /**
     * What the trusted judge of a judged test did: its stdout (the verdict line) and stderr tail; its CPU and memory
     * are never counted as the program's. {@code timedOut} is {@code cpu}, {@code wall}, {@code memory} (a companion
     * over its memory limit) or null; {@code files}: a checker's feedback files (text); {@code programGone}: an
     * interactor ended after its program had (exited, or closed its stdin or stdout).
     */
    record JudgeObservation(Integer exitCode, Integer signal, String stdout, String stderr, String timedOut,
                            long cpuMs, long wallMs, long memoryKb, Map<String, String> files, boolean programGone) {
        public JudgeObservation {
            files = files == null ? Map.of() : Map.copyOf(files);
        }

        public JudgeObservation(Integer exitCode, Integer signal, String stdout, String stderr, String timedOut,
                                long cpuMs, long wallMs, long memoryKb, Map<String, String> files) {
            this(exitCode, signal, stdout, stderr, timedOut, cpuMs, wallMs, memoryKb, files, false);
        }

        public JudgeObservation(Integer exitCode, Integer signal, String stdout, String stderr, String timedOut,
                                long cpuMs, long wallMs) {
            this(exitCode, signal, stdout, stderr, timedOut, cpuMs, wallMs, 0, Map.of());
        }
    }
}
