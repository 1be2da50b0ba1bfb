package dev.rewards.gateway.api;

import java.util.Collection;
import java.util.Map;

import dev.rewards.gateway.Profile;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class RewardsController {

    private final RewardPipeline pipeline;
    private final Profiles profiles;

    RewardsController(RewardPipeline pipeline, Profiles profiles) {
        this.pipeline = pipeline;
        this.profiles = profiles;
    }

    @Operation(summary = "Rewards for a batch of completions under a profile, one result per sample in input order")
    @PostMapping(value = "/v1/rewards", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<RewardsResponse> rewards(@RequestBody RewardsRequest request) {
        return Mono.fromSupplier(() -> pipeline.prepare(request)).flatMap(pipeline::score);
    }

    /**
     * The same, streamed as NDJSON in completion order, each line with its {@code index}. Streaming cannot turn into
     * a 503 halfway, so an unavailable component gives that sample {@code reward: null} whatever {@code on_error} says.
     */
    @Operation(summary = "Rewards streamed as NDJSON as they finish (Accept: application/x-ndjson)")
    @PostMapping(value = "/v1/rewards", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<RewardsResponse.Result> rewardsStream(@RequestBody RewardsRequest request) {
        return Mono.fromSupplier(() -> pipeline.prepare(request)).flatMapMany(pipeline::stream);
    }

    @Operation(summary = "The server's reward profiles")
    @GetMapping("/v1/profiles")
    Map<String, Collection<Profile>> profiles() {
        return Map.of("profiles", profiles.all());
    }
}
