package dev.rewards.code.api;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.rewards.code.CodeJudge;
import dev.rewards.code.Language;
import dev.rewards.code.SandboxUnavailableException;
import dev.rewards.web.ServiceSaturatedException;
import dev.rewards.web.ServiceUnavailableException;
import dev.rewards.web.WaitAdmission;
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
 * <p>Admission is by expected wait ({@link WaitAdmission}), not only by queue length: a submission that would wait
 * longer than {@code max-queue-wait} is refused at once with a 429. A queued submission whose caller has gone is
 * dropped when its turn comes instead of being run for nobody.
 */
final class SubmissionQueue implements DisposableBean {

    private final Map<Language, ThreadPoolBulkhead> bulkheads = new EnumMap<>(Language.class);
    private final Map<Language, WaitAdmission> admissions = new EnumMap<>(Language.class);
    private final Map<Language, Counter> refusals = new EnumMap<>(Language.class);
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
            WaitAdmission admission = new WaitAdmission("The " + language.wireName() + " sandboxes are",
                    properties.poolSize(), properties.maxQueueWait());
            admissions.put(language, admission);
            refusals.put(language, registry.counter("rewards.code.refused", "language", language.wireName()));
            registry.gauge("rewards.code.waiting", List.of(Tag.of("language", language.wireName())), admission,
                    WaitAdmission::waiting);
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
        WaitAdmission.Ticket ticket;
        try {
            ticket = admissions.get(language).enter();
        } catch (ServiceSaturatedException refused) {
            refusals.get(language).increment();
            return Mono.error(refused);
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        Supplier<T> measured = () -> {
            long start = ticket.start();
            if (abandoned.get()) {
                throw new CancellationException("the caller has gone");
            }
            try {
                return work.get();
            } finally {
                ticket.finished(start);
            }
        };
        try {
            return Mono.fromCompletionStage(bulkheads.get(language).executeSupplier(measured))
                    .doOnCancel(() -> abandoned.set(true));
        } catch (BulkheadFullException e) {
            ticket.leave();
            return Mono.error(e);
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
