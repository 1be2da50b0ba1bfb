package dev.rewards.gateway.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.rewards.gateway.Verifier;
import dev.rewards.web.DeadlineExceededException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls the verifiers' batch endpoints in chunks, all chunks of all verifiers concurrently, each call guarded by
 * the verifier's bulkhead and circuit breaker, under <b>one deadline per request</b>: every attempt gets only the
 * time left, and a retry is made only when its wait still leaves time for an answer. Retried: connection failures,
 * 429 and 503 — waiting what the verifier's {@code Retry-After} asks, else an exponential backoff — but never a 503
 * that says the verifier's own deadline was exceeded (that attempt already used its time) nor the gateway's own
 * timeout. Back-pressure (429, a full bulkhead) is not a failure for the circuit breaker: a busy verifier is not a
 * broken one. A chunk that still fails comes back as a failed chunk — the caller decides what that means for its
 * samples; a 4xx other than 429 is the caller's error and propagates. Retries, circuit transitions and failed
 * chunks are logged at INFO with the request id (Reactor context key {@link #REQUEST_ID}).
 */
public final class VerifierClient {

    public static final String REQUEST_ID = "rewards.request-id";
    private static final Logger log = LoggerFactory.getLogger(VerifierClient.class);
    private static final ParameterizedTypeReference<Map<String, List<Map<String, Object>>>> BATCH =
            new ParameterizedTypeReference<>() {
            };
    /** An attempt with less time than this left cannot get an answer back; the chunk fails instead. */
    private static final Duration MIN_ATTEMPT = Duration.ofMillis(50);

    private final Map<Verifier, WebClient> clients = new EnumMap<>(Verifier.class);
    private final Map<Verifier, CircuitBreaker> breakers = new EnumMap<>(Verifier.class);
    private final Map<Verifier, QueueingBulkhead> bulkheads = new EnumMap<>(Verifier.class);
    private final Map<Verifier, Counter> retryCounters = new EnumMap<>(Verifier.class);
    private final MeterRegistry meters;
    private final Settings settings;

    /** Settings of the downstream calls. */
    public record Settings(Map<Verifier, String> urls, int chunkSize, int codeChunkSize, int maxConcurrentCalls,
                           int retryAttempts, Duration retryBackoff, float failureRateThreshold,
                           Duration openStateWait, int minimumCalls) {
    }

    /**
     * @param builder Spring Boot's auto-configured {@code WebClient.Builder} (it carries the HTTP client metrics and
     *                observation), cloned per verifier
     */
    public VerifierClient(WebClient.Builder builder, Settings settings, CircuitBreakerRegistry breakerRegistry,
                          MeterRegistry meters) {
        this.meters = meters;
        this.settings = settings;
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(Math.max(settings.minimumCalls(), 10))
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(VerifierClient::isOutage)
                .ignoreException(VerifierClient::isBackPressure)
                .build();
        for (Verifier verifier : Verifier.values()) {
            String url = settings.urls().get(verifier);
            clients.put(verifier, builder.clone().baseUrl(url)
                    .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build());
            CircuitBreaker breaker = breakerRegistry.circuitBreaker(verifier.serviceName(), breakerConfig);
            breaker.getEventPublisher().onStateTransition(event -> {
                float failed = breaker.getMetrics().getFailureRate();
                log.info("{}: circuit {}{}", verifier.serviceName(), event.getStateTransition(),
                        failed < 0 ? "" : " (" + failed + "% of recent calls failed)");
            });
            breakers.put(verifier, breaker);
            retryCounters.put(verifier, meters.counter("rewards.gateway.downstream.retries", "verifier",
                    verifier.serviceName()));
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

    /** Calls the verifier's circuit breaker has recorded as failed (in its sliding window). */
    public int failedCalls(Verifier verifier) {
        return breakers.get(verifier).getMetrics().getNumberOfFailedCalls();
    }

    /**
     * @param deadlineNanos the request's deadline on the {@link System#nanoTime()} clock: no attempt, wait or retry
     *                      goes beyond it
     */
    public Flux<Chunk> call(Verifier verifier, List<Map<String, Object>> items, long deadlineNanos) {
        int size = verifier == Verifier.CODE ? settings.codeChunkSize() : settings.chunkSize();
        List<Integer> starts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            starts.add(from);
        }
        return Flux.fromIterable(starts).flatMap(from -> {
            List<Map<String, Object>> chunk = items.subList(from, Math.min(items.size(), from + size));
            return attempt(verifier, chunk, from, deadlineNanos, 1)
                    .map(results -> new Chunk(verifier, from, results, null))
                    .onErrorResume(VerifierClient::isOutageOrOpen, e -> Mono.deferContextual(context -> {
                        String reason = reason(verifier, e);
                        log.info("request {}: {} items {}..{} failed: {}", context.getOrDefault(REQUEST_ID, "-"),
                                verifier.serviceName(), from, from + chunk.size() - 1, reason);
                        return Mono.just(new Chunk(verifier, from, null, reason));
                    }));
        });
    }

    private Mono<List<Map<String, Object>>> attempt(Verifier verifier, List<Map<String, Object>> items, int from,
                                                    long deadlineNanos, int attempt) {
        return Mono.defer(() -> {
            Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
            if (left.compareTo(MIN_ATTEMPT) < 0) {
                return Mono.error(new TimeoutException("the request's deadline has passed"));
            }
            return post(verifier, items, left).timeout(left);
        }).onErrorResume(e -> isRetryable(e) && attempt < settings.retryAttempts(), e -> {
            Duration wait = retryWait(e, attempt);
            Duration leftAfterWait = Duration.ofNanos(deadlineNanos - System.nanoTime()).minus(wait);
            if (leftAfterWait.compareTo(MIN_ATTEMPT) < 0) {
                return Mono.error(e);
            }
            retryCounters.get(verifier).increment();
            return Mono.deferContextual(context -> {
                log.info("request {}: {} items {}..{} attempt {} failed ({}), retrying in {} ms ({} ms left)",
                        context.getOrDefault(REQUEST_ID, "-"), verifier.serviceName(), from, from + items.size() - 1,
                        attempt, reason(verifier, e), wait.toMillis(), leftAfterWait.toMillis());
                return Mono.delay(wait).then(attempt(verifier, items, from, deadlineNanos, attempt + 1));
            });
        });
    }

    /** What the verifier asked for ({@code Retry-After} seconds), else the backoff doubled per attempt. */
    Duration retryWait(Throwable e, int attempt) {
        if (e instanceof WebClientResponseException response) {
            String header = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            if (header != null) {
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
                } catch (NumberFormatException ignored) {
                    // An HTTP date or garbage: fall back to the backoff.
                }
            }
        }
        return settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
    }

    private Mono<List<Map<String, Object>>> post(Verifier verifier, List<Map<String, Object>> items, Duration left) {
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
                // Inside the breaker, so that a verifier that hangs counts as failing; the wait for a bulkhead permit
                // is bounded by the caller's timeout, which covers both.
                .timeout(left)
                .transformDeferred(bulkheads.get(verifier)::run)
                .transformDeferred(CircuitBreakerOperator.of(breakers.get(verifier)))
                .doOnEach(signal -> {
                    if (signal.isOnComplete() || signal.isOnError()) {
                        started.stop(meters.timer("rewards.gateway.downstream", "verifier", verifier.serviceName(),
                                "outcome", signal.isOnError() ? "error" : "ok"));
                    }
                });
    }

    /** Worth another attempt: the verifier was unreachable, restarting or busy — not out of time. */
    static boolean isRetryable(Throwable e) {
        if (e instanceof WebClientRequestException) {
            return true;
        }
        if (e instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            return status == HttpStatus.TOO_MANY_REQUESTS.value()
                    || status == HttpStatus.SERVICE_UNAVAILABLE.value() && !isDeadlineExceeded(response);
        }
        return false;
    }

    /** The verifier's 503 for its own deadline (web-support's {@link DeadlineExceededException}). */
    static boolean isDeadlineExceeded(WebClientResponseException response) {
        return response.getResponseBodyAsString().contains("\"" + DeadlineExceededException.REASON + "\"");
    }

    /** The verifier (or the gateway's queue for it) is busy: back off, but it is not broken. */
    static boolean isBackPressure(Throwable e) {
        return e instanceof WebClientResponseException response
                && response.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()
                || e instanceof QueueingBulkhead.VerifierSaturatedException;
    }

    /** Failures of the verifier (not of the request): connection, timeout, 5xx, malformed answers. */
    static boolean isOutage(Throwable e) {
        if (e instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return e instanceof WebClientRequestException || e instanceof TimeoutException
                || e instanceof IllegalStateException;
    }

    private static boolean isOutageOrOpen(Throwable e) {
        return isOutage(e) || isBackPressure(e) || e instanceof CallNotPermittedException;
    }

    private static String reason(Verifier verifier, Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return verifier.serviceName() + ": circuit open";
        }
        if (e instanceof TimeoutException) {
            return verifier.serviceName() + ": no answer within the request's deadline";
        }
        if (e instanceof WebClientResponseException response) {
            return verifier.serviceName() + ": HTTP " + response.getStatusCode().value()
                    + (isDeadlineExceeded(response) ? " (its deadline exceeded)" : "");
        }
        return verifier.serviceName() + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
