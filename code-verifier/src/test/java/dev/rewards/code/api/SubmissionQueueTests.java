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

/** Admission by expected wait and dropping abandoned submissions, with sleeping work instead of containers. */
class SubmissionQueueTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SubmissionQueue queue;

    @AfterEach
    void close() {
        queue.destroy();
    }

    private SubmissionQueue queue(int poolSize, String maxQueueWait) {
        CodeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "rewards.code.pool-size", String.valueOf(poolSize), "rewards.code.max-queue-wait", maxQueueWait)))
                .bind("rewards.code", CodeProperties.class).get();
        queue = new SubmissionQueue(null, properties, registry);
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
}
