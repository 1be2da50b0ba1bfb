package dev.rewards.code.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.rewards.code.CodeSubmission;
import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.web.BatchItems;
import dev.rewards.web.VerdictMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/v1/code")
class CodeController {

    private final SubmissionQueue queue;
    private final CodeProperties properties;
    private final Sandbox sandbox;
    private final VerdictMetrics verdicts;
    private final Map<Language, String> toolchains = new ConcurrentHashMap<>();

    CodeController(SubmissionQueue queue, CodeProperties properties, Sandbox sandbox, MeterRegistry registry) {
        this.queue = queue;
        this.properties = properties;
        this.sandbox = sandbox;
        this.verdicts = new VerdictMetrics(registry, "code-verifier");
    }

    @Operation(summary = "Compile and run a program (or the last code block of a response) against its tests")
    @PostMapping("/verify")
    Mono<VerifyResponse> verify(@RequestBody VerifyRequest request) {
        return verifyOne(request, "");
    }

    @Operation(summary = "Verify many submissions concurrently (up to the pool size per language), in input order")
    @PostMapping("/verify/batch")
    Mono<BatchResponse> verifyBatch(@RequestBody BatchRequest request) {
        BatchItems.requireAtMost(request.items().size(), properties.maxBatchItems());
        List<VerifyRequest> items = request.items();
        // Parse everything first, so a bad item is a 400 before any container runs.
        for (int i = 0; i < items.size(); i++) {
            try {
                CodeSubmission submission = WireSubmissions.toSubmission(items.get(i), queue.judge().policy());
                queue.judge().requireInstalled(submission.language());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("items[" + i + "]." + e.getMessage(), e);
            }
        }
        int concurrency = properties.poolSize() * Language.values().length;
        return Flux.fromIterable(items)
                .flatMapSequential(item -> verifyOne(item, ""), concurrency)
                .collectList().map(BatchResponse::new);
    }

    private Mono<VerifyResponse> verifyOne(VerifyRequest request, String prefix) {
        CodeSubmission submission = WireSubmissions.toSubmission(request, queue.judge().policy());
        return queue.submit(submission.language(), () -> {
            VerifyResponse response = CodeItems.answer(queue.judge(), submission);
            verdicts.record(response.status());
            return response;
        });
    }

    @Operation(summary = "Run one program once on a stdin and return what it did")
    @PostMapping("/run")
    Mono<RunResponse> run(@RequestBody RunRequest request) {
        Language language = Language.fromWireName(request.language());
        var limits = WireSubmissions.limits(request.limits(), queue.judge().policy());
        return queue.submit(language, () -> RunResponse.of(queue.judge().run(language, request.code(),
                request.stdin() == null ? "" : request.stdin(), limits, Map.of(), List.of())));
    }

    @Operation(summary = "The installed languages with their toolchain versions, the known but uninstalled ones, "
            + "and the limits' defaults and maxima")
    @GetMapping("/languages")
    Mono<Map<String, Object>> languages() {
        return Mono.fromCallable(() -> {
            List<Map<String, Object>> languages = new ArrayList<>();
            List<String> notInstalled = new ArrayList<>();
            for (Language language : Language.values()) {
                if (sandbox.missing(language)) {
                    notInstalled.add(language.wireName());
                    continue;
                }
                languages.add(Map.of("name", language.wireName(), "aliases", language.aliases(),
                        "toolchain", toolchain(language), "compiled", language.compiled(),
                        "optional", language.optional()));
            }
            var policy = queue.judge().policy();
            return Map.<String, Object>of("languages", languages, "not_installed", notInstalled,
                    "limits", Map.of("defaults", policy.defaults(), "maxima", policy.maxima(),
                            "compile_time_ms", policy.compileTimeMs(), "compile_memory_mb", policy.compileMemoryMb()));
        }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
    }

    private String toolchain(Language language) {
        if (!(sandbox instanceof DockerSandbox docker)) {
            return "unknown";
        }
        String known = toolchains.get(language);
        if (known != null) {
            return known;
        }
        try {
            // Cached only when read: a sandbox that failed now may answer once its engine or image is back.
            String version = docker.toolchainVersion(language);
            toolchains.put(language, version);
            return version;
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }
}
