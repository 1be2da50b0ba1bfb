package dev.rewards.code.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rewards.code.Language;
import dev.rewards.web.ServiceSaturatedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Admission by expected wait, SandboxFusion's start budget, the limit on jobs running at once and dropping abandoned
 * submissions, with sleeping work instead of containers.
 */
class SubmissionQueueTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SubmissionQueue queue;

    @AfterEach
    void close() {
        queue.destroy();
    }

    private SubmissionQueue queue(int poolSize, String maxQueueWait) {
        return queue(poolSize, poolSize, maxQueueWait);
    }

    private SubmissionQueue queue(int poolSize, int maxRunning, String maxQueueWait) {
        return queue(poolSize, maxRunning, maxQueueWait, "10m");
    }

    private SubmissionQueue queue(int poolSize, int maxRunning, String maxQueueWait, String deadline) {
        CodeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "rewards.code.pool-size", String.valueOf(poolSize), "rewards.code.max-queue-wait", maxQueueWait,
                "rewards.code.deadline", deadline)))
                .bind("rewards.code", CodeProperties.class).get();
        queue = new SubmissionQueue(null, properties, maxRunning, registry);
        return queue;
    }

    private static int sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    @Test
    void aSubmissionThatWouldWaitBeyondTheBoundIsRefusedAt429WhileTheOthersRun() {
        SubmissionQueue queue = queue(1, "1s");
        // Teach the queue that a submission takes about 300 ms.
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(queue.submit(Language.PYTHON, () -> sleep(300))).expectNext(1).verifyComplete();
        }
        List<Mono<Integer>> admitted = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < 12; i++) {
            admitted.add(queue.submit(Language.PYTHON, () -> sleep(300))
                    .onErrorResume(ServiceSaturatedException.class, e -> {
                        refused.incrementAndGet();
                        assertThat(e.retryAfterSeconds()).isPositive();
                        assertThat(e.getMessage()).contains("python", "would wait");
                        return Mono.just(0);
                    }));
        }
        // Subscribing queues them in order; with one container and 300 ms each, the fifth would wait ≈1.2 s > 1 s.
        List<Disposable> running = new ArrayList<>();
        List<Integer> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Mono<Integer> mono : admitted) {
            running.add(mono.subscribe(outcomes::add));
        }
        assertThat(refused.get()).as("refused before anything queued has run").isBetween(6, 9);
        StepVerifier.create(Mono.delay(Duration.ofSeconds(5))).expectNextCount(1).verifyComplete();
        assertThat(outcomes).hasSize(12);
        assertThat(outcomes.stream().filter(o -> o == 1).count()).isEqualTo(12 - refused.get());
        assertThat(registry.counter("rewards.code.refused", "language", "python").count()).isEqualTo(refused.get());
        running.forEach(Disposable::dispose);
        // Another language has its own queue and its own measure.
        StepVerifier.create(queue.submit(Language.CPP, () -> 7)).expectNext(7).verifyComplete();
    }

    @Test
    void aRunningJobWhoseDeadlinePassesIsInterruptedSoTheSandboxStopsIt() throws InterruptedException {
        SubmissionQueue queue = queue(1, 1, "20s", "300ms");
        CountDownLatch interrupted = new CountDownLatch(1);
        StepVerifier.create(queue.submit(Language.PYTHON, () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
            return 1;
        })).expectError(dev.rewards.web.ServiceUnavailableException.class).verify();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the job's thread was interrupted").isTrue();
        // The pool thread comes back clean: the next job is not interrupted.
        StepVerifier.create(queue.submit(Language.PYTHON, () -> Thread.currentThread().isInterrupted() ? 0 : 1))
                .expectNext(1).verifyComplete();
    }

    @Test
    void aQueuedSubmissionWhoseCallerHasGoneIsNotRun() throws InterruptedException {
        SubmissionQueue queue = queue(1, "20s");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        Disposable first = queue.submit(Language.PYTHON, () -> {
            firstRunning.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }).subscribe();
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger secondRuns = new AtomicInteger();
        Disposable second = queue.submit(Language.PYTHON, () -> secondRuns.incrementAndGet()).subscribe();
        second.dispose();
        release.countDown();
        StepVerifier.create(queue.submit(Language.PYTHON, () -> 3)).expectNext(3).verifyComplete();
        assertThat(secondRuns).as("the abandoned submission was dropped").hasValue(0);
        first.dispose();
    }

    @Test
    void noMoreJobsRunAtOnceThanTheLimitAcrossLanguagesAndTheOthersWaitInTheQueue() {
        SubmissionQueue queue = queue(4, 2, "60s");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Mono<Integer>> jobs = new ArrayList<>();
        for (Language language : Language.values()) {
            for (int i = 0; i < 4; i++) {
                jobs.add(queue.submit(language, () -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(100);
                    running.decrementAndGet();
                    return 1;
                }));
            }
        }
        StepVerifier.create(reactor.core.publisher.Flux.merge(jobs).count())
                .expectNext((long) jobs.size()).verifyComplete();
        assertThat(mostAtOnce).as("jobs running at once with 2 CPUs and 5 pools of 4").hasValue(2);
        assertThat(registry.get("rewards.code.running").gauge().value()).isZero();
    }

    @Test
    void runsWithABudgetQueueWhereTheEstimateWouldRefuseThem() {
        SubmissionQueue queue = queue(1, "1s");
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(queue.submit(Language.PYTHON, () -> sleep(200))).expectNext(1).verifyComplete();
        }
        List<Mono<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(queue.submitStartingWithin(Language.PYTHON, Duration.ofSeconds(20), () -> sleep(200)));
        }
        // ≈2.4 s of work for one container: submit() would refuse from the sixth on; these all run.
        StepVerifier.create(reactor.core.publisher.Flux.merge(runs).count()).expectNext(12L)
                .verifyComplete();
        assertThat(registry.counter("rewards.code.refused", "language", "python").count()).isZero();
    }

    @Test
    void aRunWaitingForACpuBeyondItsBudgetFailsAndNeverStarts() throws InterruptedException {
        SubmissionQueue queue = queue(2, 1, "20s");
        CountDownLatch release = new CountDownLatch(1);
        Disposable blocker = queue.submit(Language.PYTHON, () -> await(release)).subscribe();
        AtomicInteger ran = new AtomicInteger();
        long started = System.nanoTime();
        StepVerifier.create(queue.submitStartingWithin(Language.PYTHON, Duration.ofMillis(400),
                        ran::incrementAndGet))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NotStartedInTimeException.class)
                        .hasMessageContaining("400 ms"))
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        release.countDown();
        StepVerifier.create(queue.submit(Language.PYTHON, () -> 3)).expectNext(3).verifyComplete();
        assertThat(ran).as("the expired run was not started").hasValue(0);
        blocker.dispose();
    }

    @Test
    void aRunStillInTheQueueWhenItsBudgetEndsIsAnsweredThen() throws InterruptedException {
        // One container thread, busy: the run sits in the bulkhead's queue, where no thread looks at its budget.
        SubmissionQueue queue = queue(1, 1, "20s");
        CountDownLatch release = new CountDownLatch(1);
        Disposable blocker = queue.submit(Language.CPP, () -> await(release)).subscribe();
        AtomicInteger ran = new AtomicInteger();
        long started = System.nanoTime();
        StepVerifier.create(queue.submitStartingWithin(Language.CPP, Duration.ofMillis(300), ran::incrementAndGet))
                .expectError(NotStartedInTimeException.class).verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(registry.get("rewards.code.waiting").tag("language", "cpp").gauge().value())
                .as("the expired run left the waiting count at once").isZero();
        release.countDown();
        StepVerifier.create(queue.submit(Language.CPP, () -> 4)).expectNext(4).verifyComplete();
        assertThat(ran).hasValue(0);
        blocker.dispose();
    }

    @Test
    void aJobThatOutlivedTheDeadlineDoesNotCountTowardsTheExpectedWait() {
        SubmissionQueue queue = queue(1, 1, "2s", "1s");
        StepVerifier.create(queue.submit(Language.PYTHON, () -> sleep(1500)))
                .expectError(dev.rewards.web.ServiceUnavailableException.class).verify(Duration.ofSeconds(5));
        // Let the overrunning job end (its 1.5 s would otherwise be the whole mean: 1.5 s per queued job).
        StepVerifier.create(Mono.delay(Duration.ofMillis(1000))).expectNextCount(1).verifyComplete();
        List<Mono<Integer>> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(queue.submit(Language.PYTHON, () -> sleep(10)));
        }
        StepVerifier.create(reactor.core.publisher.Flux.merge(batch).count()).expectNext(4L).verifyComplete();
        assertThat(registry.counter("rewards.code.refused", "language", "python").count()).isZero();
    }

    private static int await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
