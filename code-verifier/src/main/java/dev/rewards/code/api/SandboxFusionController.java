package dev.rewards.code.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rewards.code.CodeJudge;
import dev.rewards.code.CodeLimits;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.ProgramRun;
import dev.rewards.code.Sandbox;
import dev.rewards.code.Verdict;
import dev.rewards.web.ServiceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * SandboxFusion-compatible {@code /run_code}, so that veRL's {@code reward_model.sandbox_fusion.url} can point here
 * unchanged. Status rule as SandboxFusion's: a run that finished with exit code 0 is Success, a non-zero exit or
 * a time limit is Failed.
 *
 * <p>Timing as SandboxFusion's: {@code run_timeout} is wall-clock time, {@code compile_timeout} bounds the compile
 * phase (defaults 10 s each). A run is queued for as long as it can still start within its budget
 * ({@code compile_timeout + run_timeout}). Every failure of the service itself — not started within the budget,
 * queue full, sandbox unavailable — is a 504: veRL's client retries a 504 and nothing else, and records any other
 * failure as a wrong program.
 */
@RestController
class SandboxFusionController {

    private static final Map<String, Language> LANGUAGES = Map.of("python", Language.PYTHON, "python3",
            Language.PYTHON, "cpp", Language.CPP, "c", Language.C, "java", Language.JAVA, "nodejs",
            Language.JAVASCRIPT, "javascript", Language.JAVASCRIPT);
    /** SandboxFusion's default for both timeouts. */
    private static final double DEFAULT_TIMEOUT_S = 10;

    private final SubmissionQueue queue;
    private final Duration deadline;

    SandboxFusionController(SubmissionQueue queue, CodeProperties properties) {
        this.queue = queue;
        this.deadline = properties.deadline();
    }

    @Operation(summary = "SandboxFusion-compatible: run code once (for veRL's sandbox_fusion reward)")
    @PostMapping("/run_code")
    Mono<RunCodeResponse> runCode(@RequestBody RunCodeRequest request) {
        Language language = LANGUAGES.get(request.language() == null ? "" : request.language());
        if (language == null) {
            throw new IllegalArgumentException("language: unsupported value '" + request.language()
                    + "', expected one of " + LANGUAGES.keySet());
        }
        double compileSeconds = seconds("compile_timeout", request.compileTimeout());
        double runSeconds = seconds("run_timeout", request.runTimeout());
        LimitPolicy policy = queue.judge().policy();
        // Server-side maxima bound what one request may hold a CPU for.
        CodeJudge.WallClock wallClock = new CodeJudge.WallClock(millis(compileSeconds, policy.compileTimeMs()),
                millis(runSeconds, policy.maxima().timeMs()));
        int memoryMb = request.memoryLimitMb() == null || request.memoryLimitMb() <= 0 ? policy.defaults().memoryMb()
                : Math.min(policy.maxima().memoryMb(), request.memoryLimitMb());
        CodeLimits limits = new CodeLimits(wallClock.runMs(), memoryMb, policy.defaults().outputKb());
        Map<String, String> files = request.files() == null ? Map.of() : request.files();
        List<String> fetch = request.fetchFiles() == null ? List.of() : request.fetchFiles();
        // The budget as the caller reckons it (its own timeout is this plus a margin), not as capped above.
        long budgetMs = (long) Math.ceil((compileSeconds + runSeconds) * 1000);
        Duration startWithin = Duration.ofMillis(Math.min(budgetMs, deadline.toMillis()));
        return queue.submitStartingWithin(language, startWithin, () -> toResponse(queue.judge().runWallClock(
                language, request.code(), request.stdin() == null ? "" : request.stdin(), limits, wallClock, files,
                fetch)));
    }

    private static double seconds(String field, Double value) {
        if (value == null) {
            return DEFAULT_TIMEOUT_S;
        }
        if (!(value > 0) || value.isInfinite()) {
            throw new IllegalArgumentException(field + ": must be a positive number of seconds, got " + value);
        }
        return value;
    }

    private static int millis(double seconds, int maximumMs) {
        return (int) Math.max(1, Math.min(maximumMs, Math.round(seconds * 1000)));
    }

    /** veRL retries a 504 (three tries) and records every other status, 429 and 503 included, as result -1. */
    @ExceptionHandler(ServiceUnavailableException.class)
    ResponseEntity<ProblemDetail> notRun(ServiceUnavailableException ex, ServerWebExchange exchange) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
        body.setTitle("Run not completed; retry");
        body.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds())).body(body);
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
