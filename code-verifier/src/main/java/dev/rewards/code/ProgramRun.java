package dev.rewards.code;

import java.util.Map;

/**
 * One program run once ({@code /v1/code/run}, SandboxFusion's {@code /run_code}): {@code status} is
 * {@code accepted} when it compiled and ended normally, else the verdict of what went wrong; {@code run} is null
 * after a compile error.
 */
public record ProgramRun(Verdict status, Sandbox.Observation compile, Sandbox.Observation run,
                         Map<String, String> files, long elapsedMs) {
    public ProgramRun {
        files = Map.copyOf(files);
    }
}
