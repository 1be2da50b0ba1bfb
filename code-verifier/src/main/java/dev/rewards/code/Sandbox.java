package dev.rewards.code;

import java.util.List;
import java.util.Map;

/**
 * Runs a job in an isolated runtime of its language: the files written to a fresh work directory, the optional
 * compile command, then the run command once per stdin — in a judged job (call and assert tests) next to the job's
 * judge command, which reads that test's judge input (sandbox/common/judge.py). Implementations report what they
 * observed and nothing else; verdicts are the judge's. An infrastructure failure is a
 * {@link SandboxUnavailableException}, never an observation.
 */
public interface Sandbox {

    Outcome execute(Language language, Job job);

    /**
     * True when the language's runtime is known to be missing here (an optional language whose image was not
     * built): a request for it is the caller's mistake for this deployment, not a failure to retry.
     */
    default boolean missing(Language language) {
        return false;
    }

    /**
     * @param compileMemoryMb memory of the compile phase (compiled languages)
     * @param runMemoryMb     memory of the container while the tests run: program limit plus the runtime's overhead
     * @param judge           when set, every test is a judged test: this trusted command runs next to the program
     *                        (another uid, pipes on fds 3/4, its own limits) and its stdout decides the test
     * @param judgeInputs     per test, what the judge reads on its stdin (never written to a file, never shown to
     *                        the program); empty without a judge
     */
    record Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
               int compileMemoryMb, int runMemoryMb, Map<String, String> binaryFilesBase64, List<String> fetchFiles,
               Command judge, List<String> judgeInputs) {
        public Job {
            files = Map.copyOf(files);
            stdins = List.copyOf(stdins);
            binaryFilesBase64 = Map.copyOf(binaryFilesBase64);
            fetchFiles = List.copyOf(fetchFiles);
            judgeInputs = List.copyOf(judgeInputs);
            if (judge == null ? !judgeInputs.isEmpty() : judgeInputs.size() != stdins.size()) {
                throw new IllegalArgumentException("a judged job needs one judge input per test, a plain job none");
            }
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
     * What one program run did; {@code timedOut} is {@code cpu}, {@code wall} or null. {@code judge} is what the
     * judge of a judged test did, null for a plain run.
     */
    record Observation(Integer exitCode, Integer signal, long cpuMs, long wallMs, long memoryKb, String stdout,
                       long stdoutBytes, boolean outputExceeded, String stderr, String timedOut, boolean oomKilled,
                       boolean startFailed, JudgeObservation judge) {

        public Observation(Integer exitCode, Integer signal, long cpuMs, long wallMs, long memoryKb, String stdout,
                           long stdoutBytes, boolean outputExceeded, String stderr, String timedOut, boolean oomKilled,
                           boolean startFailed) {
            this(exitCode, signal, cpuMs, wallMs, memoryKb, stdout, stdoutBytes, outputExceeded, stderr, timedOut,
                    oomKilled, startFailed, null);
        }

        public boolean succeeded() {
            return timedOut == null && !oomKilled && !outputExceeded && !startFailed && exitCode != null
                    && exitCode == 0;
        }
    }

    /** What the judge of a judged test did: its exit, its stdout (the verdict JSON) and stderr, a timeout. */
    record JudgeObservation(Integer exitCode, Integer signal, String stdout, String stderr, String timedOut) {
    }
}
