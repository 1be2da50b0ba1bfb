package dev.rewards.language.api;

import java.util.Locale;

import dev.rewards.language.LanguageScorer;
import dev.rewards.web.BlockingWork;
import dev.rewards.web.BatchItems;
import dev.rewards.web.VerdictMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/v1/language")
class LanguageController implements DisposableBean {

    private final LanguageScorer scorer;
    private final LanguageProperties properties;
    private final BlockingWork work;
    private final VerdictMetrics verdicts;

    LanguageController(LanguageScorer scorer, LanguageProperties properties, MeterRegistry registry) {
        this.scorer = scorer;
        this.properties = properties;
        this.work = new BlockingWork("language-score", properties.workerThreads(), properties.queueCapacity(),
                properties.deadline());
        this.verdicts = new VerdictMetrics(registry, "language-consistency");
    }

    @Operation(summary = "Share of words in the target language (LANG-RATIO-v1)")
    @PostMapping("/score")
    Mono<ScoreResponse> score(@RequestBody ScoreRequest request) {
        return work.call(() -> scoreOne(request));
    }

    @Operation(summary = "Score many texts on all cores; results come back in the order of the items")
    @PostMapping("/score/batch")
    Mono<BatchResponse> scoreBatch(@RequestBody BatchRequest request) {
        BatchItems.requireAtMost(request.items().size(), properties.maxBatchItems());
        return work.callEach(request.items(), this::scoreOne).map(BatchResponse::new);
    }

    @Operation(summary = "The configured languages")
    @GetMapping("/languages")
    LanguagesResponse languages() {
        return new LanguagesResponse("LANG-RATIO-v1", scorer.languages().stream()
                .map(code -> new LanguagesResponse.LanguageEntry(code,
                        Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH)))
                .toList());
    }

    private ScoreResponse scoreOne(ScoreRequest request) {
        ScoreResponse response = LanguageItems.answer(scorer, request);
        verdicts.record(response.status());
        return response;
    }

    @Override
    public void destroy() {
        work.close();
    }
}
