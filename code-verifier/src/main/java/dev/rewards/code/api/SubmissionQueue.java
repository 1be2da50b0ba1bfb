package dev.rewards.code.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedThreadPoolBulkheadMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * Queues submissions and starts them when both a container of their language and a CPU are free: per language a
 * Resilience4j thread-pool bulkhead (the warm pool's size, whose threads do the blocking docker-java calls) with a
 * bounded queue, and across languages at most {@code maxRunning} jobs at once — by default the sandbox engine's
 * CPU count. More programs than cores would share the cores and CPU-time verdicts would depend on the load (20
 * one-CPU programs on 2 cores gave honest programs {@code time_limit}); a job over the limit waits in the queue,
 * not on a CPU. A sandbox failure or a missed deadline is a 503.
 *
 * <p>Two admission rules. {@link #submit}: by expected wait ({@link WaitAdmission}) — a submission that would wait
 * longer than {@code max-queue-wait} is refused at once with a 429, for callers that back off on Retry-After.
 * {@link #submitStartingWithin}: SandboxFusion's — a run waits as long as it can still start within its own
 * budget and fails with {@link NotStartedInTimeException} when it could not (veRL retries only a 504, so a refusal
 * at once would cost the sample its score). Either way a queued submission whose caller has gone is dropped when
 * its turn comes instead of being run for nobody.
 */
final class SubmissionQueue implements DisposableBean {

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int GONE = 2;

    private final Map<Language, ThreadPoolBulkhead> bulkheads = new EnumMap<>(Language.class);
    private final Map<Language, WaitAdmission> admissions = new EnumMap<>(Language.class);
    private final Map<Language, Counter> refusals = new EnumMap<>(Language.class);
    private final Semaphore cpus;
    private final CodeProperties properties;
    private final CodeJudge judge;

    /** @param maxRunning jobs running at once across all languages (the sandbox engine's CPUs by default) */
    SubmissionQueue(CodeJudge judge, CodeProperties properties, int maxRunning, MeterRegistry registry) {
        if (maxRunning <= 0) {
            throw new IllegalArgumentException("rewards.code.max-running: must be positive, got " + maxRunning);
        }
        this.judge = judge;
        this.properties = properties;
        // Fair: jobs of every language take the free CPUs in the order they asked for them.
        this.cpus = new Semaphore(maxRunning, true);
        ThreadPoolBulkheadRegistry bulkheadRegistry = ThreadPoolBulkheadRegistry.ofDefaults();
        for (Language language : Language.values()) {
            ThreadPoolBulkheadConfig config = ThreadPoolBulkheadConfig.custom()
                    .coreThreadPoolSize(properties.poolSize()).maxThreadPoolSize(properties.poolSize())
                    .queueCapacity(properties.queueCapacity()).build();
            bulkheads.put(language, bulkheadRegistry.bulkhead("sandbox-" + language.wireName(), config));
            WaitAdmission admission = new WaitAdmission("The " + language.wireName() + " sandboxes are",
                    Math.min(properties.poolSize(), maxRunning), properties.maxQueueWait());
            admissions.put(language, admission);
            refusals.put(language, registry.counter("rewards.code.refused", "language", language.wireName()));
            registry.gauge("rewards.code.waiting", List.of(Tag.of("language", language.wireName())), admission,
                    WaitAdmission::waiting);
        }
        registry.gauge("rewards.code.running", cpus, semaphore -> maxRunning - semaphore.availablePermits());
        TaggedThreadPoolBulkheadMetrics.ofThreadPoolBulkheadRegistry(bulkheadRegistry).bindTo(registry);
    }

    CodeJudge judge() {
        return judge;
    }

    /** Admitted by expected wait (429 beyond {@code max-queue-wait}); 503 at the service's deadline. */
    <T> Mono<T> submit(Language language, Supplier<T> work) {
        return errorsMapped(language, Mono.defer(() -> admit(language, work, null)));
    }

    /**
     * Queued whatever the expected wait, but only as long as it can start within {@code startWithin}: a run that has
     * not started by then fails with {@link NotStartedInTimeException} and is never started.
     */
    <T> Mono<T> submitStartingWithin(Language language, Duration startWithin, Supplier<T> work) {
        return errorsMapped(language, Mono.defer(() -> admit(language, work, startWithin)));
    }

    private <T> Mono<T> errorsMapped(Language language, Mono<T> submission) {
        return submission
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

    private <T> Mono<T> admit(Language language, Supplier<T> work, Duration startWithin) {
        WaitAdmission.Ticket ticket;
        if (startWithin == null) {
            try {
                ticket = admissions.get(language).enter();
            } catch (ServiceSaturatedException refused) {
                refusals.get(language).increment();
                return Mono.error(refused);
            }
        } else {
            ticket = admissions.get(language).enterUnbounded();
        }
        Duration startBudget = startWithin == null ? properties.deadline() : startWithin;
        Job<T> job = new Job<>(language, work, ticket, startBudget);
        Mono<T> result;
        try {
            result = Mono.fromCompletionStage(bulkheads.get(language).executeSupplier(job::run))
                    .doOnCancel(job::cancel);
        } catch (BulkheadFullException e) {
            ticket.leave();
            return Mono.error(e);
        }
        if (startWithin == null) {
            return result;
        }
        // Still queued when its budget runs out (no bulkhead thread has even looked at it): answered now.
        Mono<T> expiry = Mono.delay(startWithin).flatMap(tick -> job.leave()
                ? Mono.error(job.notStarted()) : Mono.never());
        return Mono.firstWithSignal(result, expiry);
    }

    /** One queued submission: WAITING until it holds a CPU and starts, or GONE (caller left, budget spent). */
    private final class Job<T> {
        private final Language language;
        private final Supplier<T> work;
        private final WaitAdmission.Ticket ticket;
        private final Duration startBudget;
        private final long startBy;
        private final long admitted = System.nanoTime();
        private final AtomicInteger state = new AtomicInteger(WAITING);
        /** The bulkhead thread running the job, so that a caller who leaves (its deadline) stops it in the sandbox. */
        private Thread worker;

        Job(Language language, Supplier<T> work, WaitAdmission.Ticket ticket, Duration startBudget) {
            this.language = language;
            this.work = work;
            this.ticket = ticket;
            this.startBudget = startBudget;
            this.startBy = admitted + startBudget.toNanos();
        }

        /** Takes the job out of the queue unless it has started; true when this call did. */
        boolean leave() {
            boolean left = state.compareAndSet(WAITING, GONE);
            if (left) {
                ticket.leave();
            }
            return left;
        }

        /**
         * The caller has gone (its deadline passed, or it disconnected): a queued job leaves the queue, a running one
         * is interrupted, which the sandbox answers by removing the job's container — nothing keeps running for a
         * caller that no longer waits, nor skews the expected wait of the next ones.
         */
        void cancel() {
            if (leave()) {
                return;
            }
            synchronized (this) {
                if (worker != null) {
                    worker.interrupt();
                }
            }
        }

        NotStartedInTimeException notStarted() {
            return new NotStartedInTimeException("The " + language.wireName() + " sandboxes could not start the run "
                    + "within its budget of " + startBudget.toMillis() + " ms (compile_timeout + run_timeout); "
                    + "retry shortly.", 1, null);
        }

        /**
         * On a bulkhead thread: waits for a CPU (not beyond the start budget), then runs unless the job is gone. A
         * gone job fails as not started: when its budget ran out, this failure may reach the caller first.
         */
        T run() {
            if (state.get() != WAITING) {
                throw notStarted();
            }
            boolean acquired;
            try {
                acquired = cpus.tryAcquire(Math.max(0, startBy - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                leave();
                throw new SandboxUnavailableException("the code-verifier is shutting down", e);
            }
            if (!acquired) {
                leave();
                throw notStarted();
            }
            if (!state.compareAndSet(WAITING, RUNNING)) {
                cpus.release();
                throw notStarted();
            }
            long start = ticket.start();
            synchronized (this) {
                worker = Thread.currentThread();
            }
            try {
                return work.get();
            } finally {
                synchronized (this) {
                    worker = null;
                }
                // A cancellation that raced with the end of the work must not reach the pool's next job.
                Thread.interrupted();
                cpus.release();
                // A job that outlived the request's deadline (its caller already has a 503) says nothing about
                // the time the next jobs will take.
                if (System.nanoTime() - admitted <= properties.deadline().toNanos()) {
                    ticket.finished(start);
                }
            }
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
