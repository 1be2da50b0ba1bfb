package dev.rewards.gateway.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Composition;
import dev.rewards.gateway.FanOutPlan;
import dev.rewards.gateway.Profile;
import dev.rewards.gateway.Sample;
import dev.rewards.gateway.Verifier;
import dev.rewards.gateway.client.VerifierClient;
import dev.rewards.web.BatchItems;
import dev.rewards.web.ServiceSaturatedException;
import dev.rewards.web.ServiceUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scores a batch: plans the verifier items (deduplicated), calls every verifier's batch endpoint in parallel
 * chunks, and composes each sample's reward as soon as all of its components are in.
 */
final class RewardPipeline {

    private final VerifierClient client;
    private final Profiles profiles;
    private final GatewayProperties properties;
    private final MeterRegistry meters;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    RewardPipeline(VerifierClient client, Profiles profiles, GatewayProperties properties, MeterRegistry meters) {
        this.client = client;
        this.profiles = profiles;
        this.properties = properties;
        this.meters = meters;
        this.refused = meters.counter("rewards.gateway.refused");
        meters.gauge("rewards.gateway.in_flight", inFlight);
    }

    record Prepared(Profile profile, Map<String, Double> weights, FanOutPlan plan, boolean failOnError,
                    Duration deadline) {
    }

    Prepared prepare(RewardsRequest request) {
        BatchItems.require(request.samples(), "samples");
        BatchItems.requireAtMost(request.samples().size(), properties.maxSamples());
        Profile profile = profiles.get(request.profile());
        if (request.overrides() != null && request.overrides().weights() != null) {
            profile = profile.withWeights(request.overrides().weights());
        }
        String onError = request.onError() == null ? "fail" : request.onError();
        if (!onError.equals("fail") && !onError.equals("null")) {
            throw new IllegalArgumentException("on_error: unknown value '" + onError + "', expected fail or null");
        }
        Duration deadline = request.deadlineMs() == null ? properties.deadline()
                : Duration.ofMillis(Math.max(1, Math.min(request.deadlineMs(), properties.deadline().toMillis())));
        return new Prepared(profile, profile.weights(), new FanOutPlan(profile, request.samples()),
                onError.equals("fail"), deadline);
    }

    /**
     * Results in completion order, each with its index. Admission first: beyond {@code max-concurrent-requests} in
     * progress the request is refused with a 429 at once, so that an overloaded gateway tells trainers to back off
     * instead of letting every request wait into its deadline.
     */
    Flux<RewardsResponse.Result> stream(Prepared prepared) {
        return Flux.defer(() -> {
            if (inFlight.incrementAndGet() > properties.maxConcurrentRequests()) {
                inFlight.decrementAndGet();
                refused.increment();
                return Flux.error(new ServiceSaturatedException("The gateway has " + properties.maxConcurrentRequests()
                        + " requests in progress; retry shortly.", 1, null));
            }
            return admitted(prepared).doFinally(signal -> inFlight.decrementAndGet());
        });
    }

    private Flux<RewardsResponse.Result> admitted(Prepared prepared) {
        long started = System.nanoTime();
        // One deadline for the whole request: every downstream attempt and retry of every chunk shares it.
        long deadline = started + prepared.deadline().toNanos();
        FanOutPlan plan = prepared.plan();
        Table table = new Table();
        // For each verifier item, the samples waiting on it; for each sample, how many items it still waits for.
        Map<Verifier, Map<Integer, List<Integer>>> waiting = new EnumMap<>(Verifier.class);
        AtomicInteger[] pending = new AtomicInteger[plan.sampleCount()];
        List<Integer> ready = new ArrayList<>();
        for (int s = 0; s < plan.sampleCount(); s++) {
            int count = 0;
            for (Map.Entry<Verifier, List<Integer>> need : plan.dependencies(s).entrySet()) {
                for (int item : need.getValue()) {
                    waiting.computeIfAbsent(need.getKey(), v -> new LinkedHashMap<>())
                            .computeIfAbsent(item, i -> new ArrayList<>()).add(s);
                    count++;
                }
            }
            pending[s] = new AtomicInteger(count);
            if (count == 0) {
                ready.add(s);
            }
        }
        Flux<RewardsResponse.Result> immediate = Flux.fromIterable(ready).map(s -> result(prepared, table, s, started));
        Flux<RewardsResponse.Result> fromVerifiers = Flux.fromIterable(plan.items().entrySet())
                .flatMap(entry -> client.call(entry.getKey(), entry.getValue(), deadline))
                .concatMap(chunk -> {
                    table.put(chunk);
                    int size = Math.min(plan.items().get(chunk.verifier()).size() - chunk.from(),
                            chunkSpan(chunk.verifier()));
                    List<RewardsResponse.Result> done = new ArrayList<>();
                    Map<Integer, List<Integer>> byItem = waiting.getOrDefault(chunk.verifier(), Map.of());
                    for (int item = chunk.from(); item < chunk.from() + size; item++) {
                        for (int s : byItem.getOrDefault(item, List.of())) {
                            if (pending[s].decrementAndGet() == 0) {
                                done.add(result(prepared, table, s, started));
                            }
                        }
                    }
                    return Flux.fromIterable(done);
                });
        return Flux.concat(immediate, fromVerifiers);
    }

    private int chunkSpan(Verifier verifier) {
        return verifier == Verifier.CODE ? properties.codeChunkSize() : properties.chunkSize();
    }

    /** All results in input order; with on_error=fail an unavailable component fails the request (503). */
    Mono<RewardsResponse> score(Prepared prepared) {
        int n = prepared.plan().sampleCount();
        return stream(prepared).collectList().map(list -> {
            RewardsResponse.Result[] ordered = new RewardsResponse.Result[n];
            list.forEach(r -> ordered[r.index()] = r);
            if (prepared.failOnError()) {
                failIfUnavailable(List.of(ordered));
            }
            record(List.of(ordered));
            return new RewardsResponse(List.of(ordered), prepared.profile().name(), prepared.weights());
        });
    }

    static void failIfUnavailable(List<RewardsResponse.Result> results) {
        Set<String> components = new LinkedHashSet<>();
        List<String> samples = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (RewardsResponse.Result result : results) {
            boolean affected = false;
            for (Map.Entry<String, ComponentResult> c : result.components().entrySet()) {
                if (c.getValue().isUnavailable()) {
                    components.add(c.getKey());
                    reasons.add(String.valueOf(((Map<?, ?>) c.getValue().detail()).get("error")));
                    affected = true;
                }
            }
            if (affected) {
                samples.add(result.id() != null ? result.id() : "#" + result.index());
            }
        }
        if (!samples.isEmpty()) {
            List<String> shown = samples.size() > 20 ? samples.subList(0, 20) : samples;
            throw new ServiceUnavailableException("Components " + components + " could not be computed for "
                    + samples.size() + " samples " + shown + (samples.size() > 20 ? "…" : "") + ": " + reasons
                    + ". Retry, or send on_error=null to get reward null for those samples.", 5);
        }
    }

    private void record(List<RewardsResponse.Result> results) {
        for (RewardsResponse.Result result : results) {
            meters.counter("rewards.gateway.samples", "outcome",
                    Composition.kind(result.reward(), result.components()).name().toLowerCase()).increment();
        }
    }

    private RewardsResponse.Result result(Prepared prepared, Table table, int sample, long started) {
        Map<String, ComponentResult> components = prepared.plan().components(sample, table);
        Double reward = Composition.reward(prepared.profile(), prepared.weights(), components);
        Sample s = prepared.plan().sample(sample);
        return new RewardsResponse.Result(sample, s.id(), reward, components, (System.nanoTime() - started) / 1_000_000);
    }

    /** Verifier results as they arrive, by chunk start (chunks have a fixed size per verifier). */
    private final class Table implements FanOutPlan.Results {
        private final Map<Verifier, Map<Integer, VerifierClient.Chunk>> chunks = new ConcurrentHashMap<>();

        void put(VerifierClient.Chunk chunk) {
            chunks.computeIfAbsent(chunk.verifier(), v -> new ConcurrentHashMap<>()).put(chunk.from(), chunk);
        }

        private VerifierClient.Chunk find(Verifier verifier, int item) {
            int size = chunkSpan(verifier);
            return chunks.getOrDefault(verifier, Map.of()).get(item / size * size);
        }

        @Override
        public Map<String, Object> get(Verifier verifier, int item) {
            VerifierClient.Chunk chunk = find(verifier, item);
            return chunk == null || chunk.results() == null ? null : chunk.results().get(item - chunk.from());
        }

        @Override
        public String failure(Verifier verifier, int item) {
            VerifierClient.Chunk chunk = find(verifier, item);
            return chunk == null ? verifier.serviceName() + ": no answer" : chunk.failure();
        }
    }
}
