package dev.rewards.math.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rewards.math.MathVerifier;
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
@RequestMapping("/v1/math")
class MathController implements DisposableBean {

    private final MathVerifier verifier;
    private final MathProperties properties;
    private final BlockingWork work;
    private final VerdictMetrics verdicts;

    MathController(MathVerifier verifier, MathProperties properties, MeterRegistry registry) {
        this.verifier = verifier;
        this.properties = properties;
        this.work = new BlockingWork("math-verify", properties.workerThreads(), properties.queueCapacity(),
                properties.deadline());
        this.verdicts = new VerdictMetrics(registry, "math-verifier");
    }

    @Operation(summary = "Extract the final answer of a response and decide its equivalence with the gold")
    @PostMapping("/verify")
    Mono<VerifyResponse> verify(@RequestBody VerifyRequest request) {
        return work.call(() -> verifyOne(request, Map.of()));
    }

    @Operation(summary = "Verify many responses on all cores; results come back in the order of the items")
    @PostMapping("/verify/batch")
    Mono<BatchResponse> verifyBatch(@RequestBody BatchRequest request) {
        BatchItems.requireAtMost(request.items().size(), properties.maxBatchItems());
        return work.callEach(request.items(), item -> verifyOne(item, request.options())).map(BatchResponse::new);
    }

    @Operation(summary = "Group answers by mathematical equivalence (for majority voting)")
    @PostMapping("/cluster")
    Mono<ClusterResponse> cluster(@RequestBody ClusterRequest request) {
        BatchItems.requireAtMost(request.answers().size(), properties.maxBatchItems());
        return work.call(() -> {
            List<String> forms = new ArrayList<>();
            List<List<Integer>> classes = verifier.cluster(request.answers(), forms);
            return new ClusterResponse(classes, forms);
        });
    }

    private VerifyResponse verifyOne(VerifyRequest request, Map<String, Object> defaults) {
        VerifyResponse response = MathItems.answer(verifier, request, defaults);
        verdicts.record(response.status());
        return response;
    }

    @Override
    public void destroy() {
        work.close();
    }
}
