package dev.rewards.code.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.rewards.code.CodeJudge;
import dev.rewards.code.Language;
import dev.rewards.code.SandboxUnavailableException;
import dev.rewards.web.ServiceSaturatedException;
import dev.rewards.web.ServiceUnavailableException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.micrometer.tagged.TaggedThreadPoolBulkheadMetrics;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * Bounds the submissions running at once per language to the warm pool's size (a Resilience4j thread-pool
 * bulkhead, whose threads do the blocking docker-java calls) and absorbs bursts in a bounded queue; a full queue is
 * a 429, a sandbox failure or a missed deadline a 503.
 */
final class SubmissionQueue implements DisposableBean {

    private final Map<Language, ThreadPoolBulkhead> bulkheads = new EnumMap<>(Language.class);
    private final CodeProperties properties;
    private final CodeJudge judge;

    SubmissionQueue(CodeJudge judge, CodeProperties properties, MeterRegistry registry) {
        this.judge = judge;
        this.properties = properties;
        ThreadPoolBulkheadRegistry bulkheadRegistry = ThreadPoolBulkheadRegistry.ofDefaults();
        for (Language language : Language.values()) {
            ThreadPoolBulkheadConfig config = ThreadPoolBulkheadConfig.custom()
                    .coreThreadPoolSize(properties.poolSize()).maxThreadPoolSize(properties.poolSize())
                    .queueCapacity(properties.queueCapacity()).build();
            bulkheads.put(language, bulkheadRegistry.bulkhead("sandbox-" + language.wireName(), config));
        }
        TaggedThreadPoolBulkheadMetrics.ofThreadPoolBulkheadRegistry(bulkheadRegistry).bindTo(registry);
    }

    CodeJudge judge() {
        return judge;
    }

    <T> Mono<T> submit(Language language, Supplier<T> work) {
        return Mono.defer(() -> Mono.fromCompletionStage(bulkheads.get(language).executeSupplier(work)))
                .timeout(properties.deadline())
                .onErrorMap(CompletionException.class, e -> e.getCause() == null ? e : e.getCause())
                .onErrorMap(BulkheadFullException.class, e -> new ServiceSaturatedException(
                        "The " + language.wireName() + " sandbox queue is full; retry shortly.", 2, e))
                .onErrorMap(TimeoutException.class, e -> new ServiceUnavailableException(
                        "The submission did not finish within " + properties.deadline().toSeconds() + " s.", 5, e))
                .onErrorMap(SandboxUnavailableException.class, e -> e.saturated()
                        ? new ServiceSaturatedException(e.getMessage(), 2, e)
                        : new ServiceUnavailableException(e.getMessage(), 5, e));
    }

    @Override
    public void destroy() {
        bulkheads.values().forEach(bulkhead -> {
            try {
                bulkhead.close();
            } catch (Exception ignored) {
                // shutting down
            }
        });
    }
}
