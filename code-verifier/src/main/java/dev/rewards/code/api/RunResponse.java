package dev.rewards.code.api;

import dev.rewards.code.ProgramRun;
import dev.rewards.code.Sandbox;

/** {@code status}: accepted (ran and exited 0), compile_error, runtime_error, time_limit, memory_limit, output_limit. */
public record RunResponse(String status, String stdout, String stderr, Integer exitCode, Integer signal, long timeMs,
                          long wallMs, long memoryKb, String compileStderr, long elapsedMs) {

    static RunResponse of(ProgramRun run) {
        Sandbox.Observation observed = run.run();
        String compileStderr = run.compile() == null ? null : run.compile().stdout() + run.compile().stderr();
        if (observed == null) {
            return new RunResponse(run.status().wireName(), "", "", null, null, 0, 0, 0, compileStderr,
                    run.elapsedMs());
        }
        return new RunResponse(run.status().wireName(), observed.stdout(), observed.stderr(), observed.exitCode(),
                observed.signal(), observed.cpuMs(), observed.wallMs(), observed.memoryKb(), compileStderr,
                run.elapsedMs());
    }
}
