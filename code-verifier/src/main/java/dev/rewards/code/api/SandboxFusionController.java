package dev.rewards.code.api;

import java.util.List;
import java.util.Map;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.Language;
import dev.rewards.code.ProgramRun;
import dev.rewards.code.Sandbox;
import dev.rewards.code.Verdict;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * SandboxFusion-compatible {@code /run_code}, so that veRL's {@code reward_model.sandbox_fusion.url} can point here
 * unchanged. Status rule as SandboxFusion's: a run that finished with exit code 0 is Success, a non-zero exit or
 * a time limit is Failed. A failure of the sandbox itself stays a 503 problem, so that the caller retries.
 */
@RestController
class SandboxFusionController {

    private static final Map<String, Language> LANGUAGES = Map.of("python", Language.PYTHON, "python3",
            Language.PYTHON, "cpp", Language.CPP, "c", Language.C, "java", Language.JAVA, "nodejs",
            Language.JAVASCRIPT, "javascript", Language.JAVASCRIPT);

    private final SubmissionQueue queue;

    SandboxFusionController(SubmissionQueue queue) {
        this.queue = queue;
    }

    @Operation(summary = "SandboxFusion-compatible: run code once (for veRL's sandbox_fusion reward)")
    @PostMapping("/run_code")
    Mono<RunCodeResponse> runCode(@RequestBody RunCodeRequest request) {
        Language language = LANGUAGES.get(request.language() == null ? "" : request.language());
        if (language == null) {
            throw new IllegalArgumentException("language: unsupported value '" + request.language()
                    + "', expected one of " + LANGUAGES.keySet());
        }
        var policy = queue.judge().policy();
        int timeMs = request.runTimeout() == null ? policy.defaults().timeMs()
                : (int) Math.min(policy.maxima().timeMs(), Math.max(1, Math.round(request.runTimeout() * 1000)));
        int memoryMb = request.memoryLimitMb() == null || request.memoryLimitMb() <= 0 ? policy.defaults().memoryMb()
                : Math.min(policy.maxima().memoryMb(), request.memoryLimitMb());
        CodeLimits limits = new CodeLimits(timeMs, memoryMb, policy.defaults().outputKb());
        Map<String, String> files = request.files() == null ? Map.of() : request.files();
        List<String> fetch = request.fetchFiles() == null ? List.of() : request.fetchFiles();
        return queue.submit(language, () -> toResponse(queue.judge().run(language, request.code(),
                request.stdin() == null ? "" : request.stdin(), limits, files, fetch)));
    }

    private static RunCodeResponse toResponse(ProgramRun run) {
        RunCodeResponse.CommandResult compile = run.compile() == null ? null : command(run.compile());
        RunCodeResponse.CommandResult execution = run.run() == null ? null : command(run.run());
        boolean success = run.status() == Verdict.ACCEPTED;
        String message = success ? "" : run.status().wireName();
        return new RunCodeResponse(success ? "Success" : "Failed", message, compile, execution, "rewards-code-verifier",
                run.files());
    }

    private static RunCodeResponse.CommandResult command(Sandbox.Observation observed) {
        String status = observed.timedOut() != null ? "TimeLimitExceeded"
                : observed.startFailed() ? "Error" : "Finished";
        Integer returnCode = observed.exitCode() != null ? observed.exitCode()
                : observed.signal() != null ? -observed.signal() : null;
        return new RunCodeResponse.CommandResult(status, observed.wallMs() / 1000.0, returnCode, observed.stdout(),
                observed.stderr());
    }
}
