package dev.rewards.format.api;

import dev.rewards.format.FormatChecker;
import dev.rewards.web.BlockingWork;
import dev.rewards.web.BatchItems;
import dev.rewards.web.VerdictMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/v1/format")
class FormatController implements DisposableBean {

    private final FormatChecker checker = new FormatChecker();
    private final FormatProperties properties;
    private final BlockingWork work;
    private final VerdictMetrics verdicts;

    FormatController(FormatProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.work = new BlockingWork("format-check", properties.workerThreads(), properties.queueCapacity(),
                properties.deadline());
        this.verdicts = new VerdictMetrics(registry, "format-checker");
    }

    @Operation(summary = "Check one completion against its template and compute the soft scores asked for")
    @PostMapping("/check")
    Mono<CheckResponse> check(@RequestBody CheckRequest request) {
        return work.call(() -> checkOne(request, CheckDefaults.NONE));
    }

    @Operation(summary = "Check many completions; results come back in the order of the items")
    @PostMapping("/check/batch")
    Mono<BatchResponse> checkBatch(@RequestBody BatchRequest request) {
        BatchItems.requireAtMost(request.items().size(), properties.maxBatchItems());
        return work.callEach(request.items(), item -> checkOne(item, request.defaults())).map(BatchResponse::new);
    }

    private CheckResponse checkOne(CheckRequest request, CheckDefaults defaults) {
        CheckResponse response = FormatItems.answer(checker, request, defaults);
        verdicts.record(response.valid() ? "valid" : "invalid");
        return response;
    }

    @Override
    public void destroy() {
        work.close();
    }
}
