package dev.rewards.gateway.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.rewards.gateway.Verifier;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls the verifiers' batch endpoints in chunks, all chunks of all verifiers concurrently, each call guarded by
 * the verifier's bulkhead, circuit breaker and retry (only connection failures, 503 and 429 are retried, with
 * backoff), under the request's remaining time. A chunk that still fails comes back as a failed chunk — the caller
 * decides what that means for its samples; a 4xx other than 429 is the caller's error and propagates.
 */
public final class VerifierClient {

    private static final ParameterizedTypeReference<Map<String, List<Map<String, Object>>>> BATCH =
            new ParameterizedTypeReference<>() {
            };

    private final Map<Verifier, WebClient> clients = new EnumMap<>(Verifier.class);
    private final Map<Verifier, CircuitBreaker> breakers = new EnumMap<>(Verifier.class);
    private final Map<Verifier, Retry> retries = new EnumMap<>(Verifier.class);
    private final Map<Verifier, QueueingBulkhead> bulkheads = new EnumMap<>(Verifier.class);
    private final MeterRegistry meters;
    private final int chunkSize;
    private final int codeChunkSize;

    /** Settings of the downstream calls. */
    public record Settings(Map<Verifier, String> urls, int chunkSize, int codeChunkSize, int maxConcurrentCalls,
                           int retryAttempts, Duration retryBackoff, float failureRateThreshold,
                           Duration openStateWait, int minimumCalls) {
    }

    public VerifierClient(WebClient.Builder builder, Settings settings, CircuitBreakerRegistry breakerRegistry,
                          RetryRegistry retryRegistry, MeterRegistry meters) {
        this.meters = meters;
        this.chunkSize = settings.chunkSize();
        this.codeChunkSize = settings.codeChunkSize();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(Math.max(settings.minimumCalls(), 10))
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(VerifierClient::isOutage)
                .build();
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryBackoff(), 2.0))
                .retryOnException(VerifierClient::isRetryable)
                .build();
        for (Verifier verifier : Verifier.values()) {
            String url = settings.urls().get(verifier);
            clients.put(verifier, builder.clone().baseUrl(url)
                    .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build());
            breakers.put(verifier, breakerRegistry.circuitBreaker(verifier.serviceName(), breakerConfig));
            retries.put(verifier, retryRegistry.retry(verifier.serviceName(), retryConfig));
            QueueingBulkhead bulkhead = new QueueingBulkhead(verifier.serviceName(), settings.maxConcurrentCalls(),
                    Duration.ofSeconds(30));
            bulkheads.put(verifier, bulkhead);
            Gauge.builder("rewards.gateway.downstream.in_use", bulkhead, QueueingBulkhead::inUse)
                    .tag("verifier", verifier.serviceName()).register(meters);
            Gauge.builder("rewards.gateway.downstream.waiting", bulkhead, QueueingBulkhead::waiting)
                    .tag("verifier", verifier.serviceName()).register(meters);
        }
    }

    /** A chunk's results (same order as its items), or the reason it has none. */
    public record Chunk(Verifier verifier, int from, List<Map<String, Object>> results, String failure) {
    }

    public CircuitBreaker.State state(Verifier verifier) {
        return breakers.get(verifier).getState();
    }

    public Flux<Chunk> call(Verifier verifier, List<Map<String, Object>> items, Duration timeout) {
        int size = verifier == Verifier.CODE ? codeChunkSize : chunkSize;
        List<Integer> starts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            starts.add(from);
        }
        return Flux.fromIterable(starts).flatMap(from -> {
            List<Map<String, Object>> chunk = items.subList(from, Math.min(items.size(), from + size));
            return post(verifier, chunk, timeout)
                    .map(results -> new Chunk(verifier, from, results, null))
                    .onErrorResume(VerifierClient::isOutageOrOpen,
                            e -> Mono.just(new Chunk(verifier, from, null, reason(verifier, e))));
        });
    }

    private Mono<List<Map<String, Object>>> post(Verifier verifier, List<Map<String, Object>> items,
                                                 Duration timeout) {
        Timer.Sample started = Timer.start(meters);
        return clients.get(verifier).post().uri(verifier.batchPath()).bodyValue(Map.of("items", items))
                .retrieve().bodyToMono(BATCH)
                .map(body -> {
                    List<Map<String, Object>> results = body.get("results");
                    if (results == null || results.size() != items.size()) {
                        throw new IllegalStateException(verifier.serviceName() + " answered "
                                + (results == null ? "no" : results.size()) + " results for " + items.size() + " items");
                    }
                    return results;
                })
                .timeout(timeout)
                .transformDeferred(bulkheads.get(verifier)::run)
                .transformDeferred(CircuitBreakerOperator.of(breakers.get(verifier)))
                .transformDeferred(RetryOperator.of(retries.get(verifier)))
                .doOnEach(signal -> {
                    if (signal.isOnComplete() || signal.isOnError()) {
                        started.stop(meters.timer("rewards.gateway.downstream", "verifier", verifier.serviceName(),
                                "outcome", signal.isOnError() ? "error" : "ok"));
                    }
                });
    }

    static boolean isRetryable(Throwable e) {
        if (e instanceof WebClientRequestException) {
            return true;
        }
        return e instanceof WebClientResponseException response
                && (response.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                || response.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value());
    }

    /** Failures of the verifier (not of the request): connection, timeout, 5xx, 429, malformed answers. */
    static boolean isOutage(Throwable e) {
        if (e instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError() || response.getStatusCode().value() == 429;
        }
        return e instanceof WebClientRequestException || e instanceof TimeoutException
                || e instanceof IllegalStateException || e instanceof QueueingBulkhead.VerifierSaturatedException;
    }

    private static boolean isOutageOrOpen(Throwable e) {
        return isOutage(e) || e instanceof CallNotPermittedException;
    }

    private static String reason(Verifier verifier, Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return verifier.serviceName() + ": circuit open";
        }
        if (e instanceof TimeoutException) {
            return verifier.serviceName() + ": no answer within the request's deadline";
        }
        if (e instanceof WebClientResponseException response) {
            return verifier.serviceName() + ": HTTP " + response.getStatusCode().value();
        }
        return verifier.serviceName() + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
