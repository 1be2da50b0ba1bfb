package dev.rewards.code.api;

import java.util.Map;

/** SandboxFusion's {@code RunCodeResponse}: {@code status} Success | Failed | SandboxError. */
public record RunCodeResponse(String status, String message, CommandResult compileResult, CommandResult runResult,
                              String executorPodName, Map<String, String> files) {

    /** {@code status}: Finished | Error | TimeLimitExceeded; {@code executionTime} in seconds. */
    public record CommandResult(String status, double executionTime, Integer returnCode, String stdout,
                                String stderr) {
    }
}
