package dev.rewards.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Sample;
import dev.rewards.gateway.TrainerInput;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The trainers' own protocols over the same pipeline (on_error=fail: an outage is a 503 the trainer retries).
 * OpenRLHF cannot take nulls, so a reward that is null by nature (invalid gold, no words) is sent as 0.0 and
 * counted in {@code extra_logs.unscorable}.
 */
@RestController
class TrainerAdapters {

    private final RewardPipeline pipeline;

    TrainerAdapters(RewardPipeline pipeline) {
        this.pipeline = pipeline;
    }

    record OpenRlhfRequest(List<String> query, List<String> prompts, List<Object> labels) {
    }

    record OpenRlhfResponse(List<Double> rewards, List<Double> scores, Map<String, List<Double>> extraLogs) {
    }

    record SlimeRequest(String prompt, String response, Object label) {
    }

    record SlimeResponse(Double reward, Map<String, ComponentResult> components) {
    }

    @Operation(summary = "OpenRLHF --reward.remote_url (also /get_reward): {query, prompts, labels} → {rewards, scores, extra_logs}")
    @PostMapping({"/openrlhf/reward", "/get_reward"})
    Mono<OpenRlhfResponse> openrlhf(@RequestBody OpenRlhfRequest request,
                                    @RequestParam(name = "profile", required = false) String profile) {
        List<String> queries = request.query() == null ? List.of() : request.query();
        if (queries.isEmpty()) {
            return Mono.just(new OpenRlhfResponse(List.of(), List.of(), Map.of()));
        }
        List<String> prompts = request.prompts() == null ? List.of() : request.prompts();
        List<Object> labels = request.labels() == null ? List.of() : request.labels();
        if (!prompts.isEmpty() && prompts.size() != queries.size() || !labels.isEmpty() && labels.size() != queries.size()) {
            throw new IllegalArgumentException("prompts, labels: must have one entry per query (" + queries.size() + ")");
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String prompt = prompts.isEmpty() ? null : prompts.get(i);
            Object label = labels.isEmpty() ? null : labels.get(i);
            try {
                samples.add(TrainerInput.sample(String.valueOf(i), prompt, TrainerInput.response(queries.get(i), prompt),
                        label));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("labels[" + i + "]: " + e.getMessage(), e);
            }
        }
        RewardsRequest rewards = new RewardsRequest(profile, samples, null, "fail", null);
        return Mono.fromSupplier(() -> pipeline.prepare(rewards)).flatMap(pipeline::score).map(response -> {
            List<Double> values = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            Map<String, List<Double>> logs = new LinkedHashMap<>();
            double maxReward = response.weights().values().stream().filter(w -> w > 0).mapToDouble(Double::doubleValue)
                    .sum();
            List<Double> unscorable = new ArrayList<>();
            for (RewardsResponse.Result result : response.results()) {
                double reward = result.reward() == null ? 0.0 : result.reward();
                values.add(reward);
                scores.add(maxReward <= 0 ? 0.0 : Math.max(0.0, Math.min(1.0, reward / maxReward)));
                unscorable.add(result.reward() == null ? 1.0 : 0.0);
                result.components().forEach((name, component) -> logs.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(component.score() == null ? 0.0 : component.score()));
            }
            logs.put("unscorable", unscorable);
            return new OpenRlhfResponse(values, scores, logs);
        });
    }

    @Operation(summary = "slime --rm-type remote_rm: {prompt, response, label} → {reward, components}")
    @PostMapping("/slime/reward")
    Mono<SlimeResponse> slime(@RequestBody SlimeRequest request,
                              @RequestParam(name = "profile", required = false) String profile) {
        if (request.response() == null) {
            throw new IllegalArgumentException("response: required");
        }
        Sample sample = TrainerInput.sample("0", request.prompt(), TrainerInput.response(request.response(), null),
                request.label());
        RewardsRequest rewards = new RewardsRequest(profile, List.of(sample), null, "fail", null);
        return Mono.fromSupplier(() -> pipeline.prepare(rewards)).flatMap(pipeline::score)
                .map(response -> new SlimeResponse(response.results().get(0).reward(),
                        response.results().get(0).components()));
    }
}
