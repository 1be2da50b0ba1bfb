package dev.rewards.code.internal;

import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.Verdict;

/**
 * The verdict of one run from what the sandbox observed, before any output is compared. Time comes first (a program
 * killed at its time limit may also have flooded its output), then memory — an OOM kill counted by the container's
 * memory cgroup, a peak resident size over the limit, or the runtime's own out-of-memory error — then output, then
 * abnormal ends. Null means the run ended normally and its output decides.
 */
public final class Verdicts {

    private Verdicts() {
    }

    public static Verdict ofRun(Sandbox.Observation run, Language language, int memoryMb) {
        Verdict limit = ofLimits(run, language, memoryMb);
        if (limit != null) {
            return limit;
        }
        if (run.startFailed() || run.signal() != null || run.exitCode() == null || run.exitCode() != 0) {
            return Verdict.RUNTIME_ERROR;
        }
        return null;
    }

    /**
     * The limit the program hit (time, memory, output), or null. Alone it decides a judged test's program side: there
     * the program's exit status is no verdict, since the runner ends the program once the judge is done.
     */
    public static Verdict ofLimits(Sandbox.Observation run, Language language, int memoryMb) {
        // Memory first: the program is stopped when its CPU or wall time runs out, so any memory over the limit was
        // used before that — a judge holding memory at the limit would have stopped it there. (The container leaves
        // headroom above the limit; on a busy machine, faulting in hundreds of MiB alone used up a second of CPU and
        // a memory hog came back as time_limit.)
        if (run.oomKilled() || outOfMemory(run, language, memoryMb)) {
            return Verdict.MEMORY_LIMIT;
        }
        if (run.timedOut() != null) {
            return Verdict.TIME_LIMIT;
        }
        if (run.outputExceeded()) {
            return Verdict.OUTPUT_LIMIT;
        }
        return null;
    }

    private static boolean outOfMemory(Sandbox.Observation run, Language language, int memoryMb) {
        String stderr = run.stderr() == null ? "" : run.stderr();
        return switch (language) {
            // The JVM's resident size includes its own overhead; its heap is capped by -Xmx at the limit instead.
            case JAVA -> stderr.contains("java.lang.OutOfMemoryError");
            case JAVASCRIPT, TYPESCRIPT -> stderr.contains("JavaScript heap out of memory")
                    || overLimit(run, memoryMb + 64);
            case PYTHON -> lastLine(stderr).startsWith("MemoryError") || overLimit(run, memoryMb);
            case C, CPP -> overLimit(run, memoryMb) || stderr.contains("std::bad_alloc");
            // The runtimes' own messages count only from a run that failed: a program may print them itself.
            case GO -> overLimit(run, memoryMb) || failed(run) && stderr.contains("runtime: out of memory");
            case RUST -> overLimit(run, memoryMb) || failed(run) && stderr.contains("memory allocation of ");
            // Mono's heap is capped at the limit (--gc-params); its resident size adds the runtime's own.
            case CSHARP -> failed(run) && stderr.contains("System.OutOfMemoryException")
                    || overLimit(run, memoryMb + 64);
            case RUBY -> overLimit(run, memoryMb) || failed(run) && (stderr.contains("(NoMemoryError)")
                    || stderr.contains("failed to allocate memory"));
            case BASH -> overLimit(run, memoryMb);
        };
    }

    private static boolean failed(Sandbox.Observation run) {
        return run.signal() != null || run.exitCode() == null || run.exitCode() != 0;
    }

    private static boolean overLimit(Sandbox.Observation run, int memoryMb) {
        return run.memoryKb() > memoryMb * 1024L;
    }

    static String lastLine(String text) {
        String trimmed = text.stripTrailing();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
}
