package dev.rewards.gateway.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Composition;
import dev.rewards.gateway.Profile;
import dev.rewards.gateway.Sample;
import dev.rewards.gateway.TrainerInput;
import dev.rewards.web.ServiceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The trainers' own protocols over the same pipeline and the same reward rule ({@link Composition}). Neither
 * OpenRLHF nor slime can take a null reward (OpenRLHF fails in {@code torch.cat}, slime in
 * {@code _post_process_rewards}), so a sample that <em>cannot be scored</em> (invalid gold) is sent as reward
 * {@code 0.0} with task score 0 and flagged ({@code extra_logs.unscorable} / {@code "status": "unscorable"}): the
 * gold belongs to the prompt, so its whole GRPO group gets the same constant — group-normalised advantage 0, no
 * learning signal either way — and OpenRLHF's dynamic filtering (mean score strictly inside (0, 1)) drops the group.
 * A verifier outage is never sent as a number: the adapter waits it out within the gateway's deadline (OpenRLHF
 * retries only 5 × 1 s itself), then answers 503, which the trainer retries.
 */
@RestController
class TrainerAdapters {

    private static final Logger log = LoggerFactory.getLogger(TrainerAdapters.class);
    /** Pause between two attempts of a whole request while a verifier is unavailable. */
    private static final Duration PATIENCE_STEP = Duration.ofSeconds(2);

    private final RewardPipeline pipeline;
    private final GatewayProperties properties;

    TrainerAdapters(RewardPipeline pipeline, GatewayProperties properties) {
        this.pipeline = pipeline;
        this.properties = properties;
    }

    record OpenRlhfRequest(List<String> query, List<String> prompts, List<Object> labels) {
    }

    record OpenRlhfResponse(List<Double> rewards, List<Double> scores, Map<String, List<Double>> extraLogs) {
    }

    /** slime's remote_rm body; {@code prompt} is a string, or a list of chat messages when no template was applied. */
    record SlimeRequest(Object prompt, String response, Object label) {
    }

    /**
     * Always a number under {@code reward} (slime: {@code --reward-key reward}); {@code score} is the task score in
     * [0, 1]; {@code status} is {@code scored} or {@code unscorable}.
     */
    record SlimeResponse(double reward, double score, String status, Map<String, ComponentResult> components) {
    }

    @Operation(summary = "OpenRLHF --reward.remote_url (also /get_reward): {query, prompts, labels} → {rewards, scores, extra_logs}")
    @PostMapping({"/openrlhf/reward", "/get_reward"})
    Mono<OpenRlhfResponse> openrlhf(@RequestBody OpenRlhfRequest request,
                                    @RequestParam(name = "profile", required = false) String profile) {
        List<String> queries = request.query() == null ? List.of() : request.query();
        if (queries.isEmpty()) {
            // OpenRLHF splits one sample over N endpoints: the others get empty lists and must get a 200.
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
        return scorePatiently(profile, samples).map(response -> {
            List<Double> rewards = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            Map<String, List<Double>> logs = new LinkedHashMap<>();
            for (String component : Profile.COMPONENTS) {
                if (response.weights().containsKey(component)) {
                    logs.put(component, new ArrayList<>());
                }
            }
            List<Double> notApplicable = new ArrayList<>();
            List<Double> unscorable = new ArrayList<>();
            for (RewardsResponse.Result result : response.results()) {
                rewards.add(result.reward() == null ? 0.0 : result.reward());
                scores.add(taskScore(result, response.weights()));
                // extra_logs values go through torch.tensor: numbers only, one per query for every key.
                logs.forEach((name, values) -> {
                    ComponentResult component = result.components().get(name);
                    values.add(component == null || component.score() == null ? 0.0 : component.score());
                });
                notApplicable.add(result.components().values().stream().anyMatch(ComponentResult::isNotApplicable)
                        ? 1.0 : 0.0);
                unscorable.add(result.reward() == null ? 1.0 : 0.0);
            }
            logs.put("not_applicable", notApplicable);
            logs.put("unscorable", unscorable);
            return new OpenRlhfResponse(rewards, scores, logs);
        });
    }

    @Operation(summary = "slime --rm-type remote_rm --reward-key reward: {prompt, response, label} → {reward, score, status, components}")
    @PostMapping("/slime/reward")
    Mono<SlimeResponse> slime(@RequestBody SlimeRequest request,
                              @RequestParam(name = "profile", required = false) String profile) {
        if (request.response() == null) {
            throw new IllegalArgumentException("response: required");
        }
        Sample sample = TrainerInput.sample("0", TrainerInput.promptText(request.prompt()),
                TrainerInput.response(request.response(), null), request.label());
        return scorePatiently(profile, List.of(sample)).map(response -> {
            RewardsResponse.Result result = response.results().get(0);
            return new SlimeResponse(result.reward() == null ? 0.0 : result.reward(),
                    taskScore(result, response.weights()), result.reward() == null ? "unscorable" : "scored",
                    result.components());
        });
    }

    /**
     * The task score in [0, 1]: the accuracy verifier's own score (correct 1, wrong 0, code: its pass score) before
     * any shaping; without an accuracy component, the reward over its maximum. OpenRLHF's dynamic filtering reads
     * it, so a well-formatted but wrong group must score 0, not format/total.
     */
    static double taskScore(RewardsResponse.Result result, Map<String, Double> weights) {
        ComponentResult accuracy = result.components().get("accuracy");
        Double score;
        if (accuracy != null) {
            Object raw = accuracy.detail() instanceof Map<?, ?> detail ? detail.get("score") : null;
            score = raw instanceof Number n ? n.doubleValue() : null;
        } else {
            double max = weights.values().stream().filter(w -> w > 0).mapToDouble(Double::doubleValue).sum();
            score = result.reward() == null || max <= 0 ? null : result.reward() / max;
        }
        return score == null ? 0.0 : Math.max(0.0, Math.min(1.0, score));
    }

    /**
     * Scores with on_error=fail; while a verifier is unavailable (restarting, circuit open), tries the whole request
     * again every couple of seconds until the gateway's deadline, each attempt with only the time left.
     */
    private Mono<RewardsResponse> scorePatiently(String profile, List<Sample> samples) {
        long until = System.nanoTime() + properties.deadline().toNanos();
        return Mono.defer(() -> {
            long leftMs = Math.max(1, (until - System.nanoTime()) / 1_000_000);
            RewardsRequest request = new RewardsRequest(profile, samples, null, "fail", leftMs);
            return Mono.fromSupplier(() -> pipeline.prepare(request)).flatMap(pipeline::score);
        }).retryWhen(Retry.fixedDelay(Long.MAX_VALUE, PATIENCE_STEP)
                .filter(e -> e.getClass() == ServiceUnavailableException.class
                        && until - System.nanoTime() > PATIENCE_STEP.multipliedBy(2).toNanos())
                .doBeforeRetry(signal -> log.info("trainer adapter: {}; trying the request again in {} s",
                        signal.failure().getMessage(), PATIENCE_STEP.toSeconds()))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }
}
