package dev.rewards.code.api;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * Bounds the submissions running at once per language to the warm pool's size (a Resilience4j thread-pool
 * bulkhead, whose threads do the blocking docker-java calls) and absorbs bursts in a bounded queue; a sandbox failure
 * or a missed deadline is a 503.
 *
 * <p>Admission is by expected wait, not only by queue length: a submission that would wait longer than
 * {@code max-queue-wait} (queued submissions × the recent time per submission ÷ pool size) is refused at once with a
 * 429. Under sustained overload a full-length queue would otherwise turn every request into a wait of minutes and then
 * a timeout, while the caller could have backed off and retried. A queued submission whose caller has gone is
 * dropped when its turn comes instead of being run for nobody.
 */
final class SubmissionQueue implements DisposableBean {

    private final Map<Language, ThreadPoolBulkhead> bulkheads = new EnumMap<>(Language.class);
    private final Map<Language, Load> loads = new EnumMap<>(Language.class);
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
            Load load = new Load(registry.counter("rewards.code.refused", "language", language.wireName()));
            registry.gauge("rewards.code.waiting", List.of(Tag.of("language",
                    language.wireName())), load.waiting);
            loads.put(language, load);
        }
        TaggedThreadPoolBulkheadMetrics.ofThreadPoolBulkheadRegistry(bulkheadRegistry).bindTo(registry);
    }

    CodeJudge judge() {
        return judge;
    }

    <T> Mono<T> submit(Language language, Supplier<T> work) {
        return Mono.defer(() -> admit(language, work))
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

    private <T> Mono<T> admit(Language language, Supplier<T> work) {
        Load load = loads.get(language);
        long expectedWaitNanos = load.expectedWaitNanos(properties.poolSize());
        long bound = properties.maxQueueWait().toNanos();
        if (expectedWaitNanos > bound) {
            load.refused.increment();
            long retryAfter = Math.max(1, (expectedWaitNanos - bound) / 1_000_000_000L);
            return Mono.error(new ServiceSaturatedException("The " + language.wireName() + " sandboxes are saturated: "
                    + "a new submission would wait about " + expectedWaitNanos / 1_000_000_000L + " s (bound "
                    + properties.maxQueueWait().toSeconds() + " s); retry later.", (int) Math.min(60, retryAfter), null));
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        load.waiting.incrementAndGet();
        AtomicBoolean started = new AtomicBoolean();
        Supplier<T> measured = () -> {
            started.set(true);
            load.waiting.decrementAndGet();
            if (abandoned.get()) {
                throw new CancellationException("the caller has gone");
            }
            long begin = System.nanoTime();
            try {
                return work.get();
            } finally {
                load.record(System.nanoTime() - begin);
            }
        };
        try {
            return Mono.fromCompletionStage(bulkheads.get(language).executeSupplier(measured))
                    .doOnCancel(() -> abandoned.set(true));
        } catch (BulkheadFullException e) {
            if (!started.get()) {
                load.waiting.decrementAndGet();
            }
            return Mono.error(e);
        }
    }

    /** Submissions waiting for a container, and the recent time one takes (exponentially weighted). */
    private static final class Load {
        private final AtomicInteger waiting = new AtomicInteger();
        private final Counter refused;
        private volatile double serviceNanos;

        Load(Counter refused) {
            this.refused = refused;
        }

        long expectedWaitNanos(int poolSize) {
            return (long) (waiting.get() * serviceNanos / poolSize);
        }

        void record(long nanos) {
            double previous = serviceNanos;
            serviceNanos = previous == 0 ? nanos : previous * 0.8 + nanos * 0.2;
        }
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
