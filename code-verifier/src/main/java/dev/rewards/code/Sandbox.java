package dev.rewards.code;

import java.util.List;
import java.util.Map;

/**
 * Runs a job in an isolated runtime of its language: the files written to a fresh work directory, the optional
 * compile command, then the run command once per stdin. Implementations report what they observed and nothing
 * else; verdicts are the judge's. An infrastructure failure is a {@link SandboxUnavailableException}, never an
 * observation.
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
     */
    record Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
               int compileMemoryMb, int runMemoryMb, Map<String, String> binaryFilesBase64, List<String> fetchFiles) {
        public Job {
            files = Map.copyOf(files);
            stdins = List.copyOf(stdins);
            binaryFilesBase64 = Map.copyOf(binaryFilesBase64);
            fetchFiles = List.copyOf(fetchFiles);
        }

        public Job(Map<String, String> files, Command compile, Command run, List<String> stdins, boolean stopOnFailure,
                   int compileMemoryMb, int runMemoryMb) {
            this(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb, Map.of(), List.of());
        }

        public Job withFiles(Map<String, String> binaryFilesBase64, List<String> fetchFiles) {
            return new Job(files, compile, run, stdins, stopOnFailure, compileMemoryMb, runMemoryMb,
                    binaryFilesBase64, fetchFiles);
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

    /** What one program run did; {@code timedOut} is {@code cpu}, {@code wall} or null. */
    record Observation(Integer exitCode, Integer signal, long cpuMs, long wallMs, long memoryKb, String stdout,
                       long stdoutBytes, boolean outputExceeded, String stderr, String timedOut, boolean oomKilled,
                       boolean startFailed) {
        public boolean succeeded() {
            return timedOut == null && !oomKilled && !outputExceeded && !startFailed && exitCode != null
                    && exitCode == 0;
        }
    }
}
