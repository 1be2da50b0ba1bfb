package dev.rewards.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class QueueingBulkheadTests {

    @Test
    void waitersQueueWithoutHoldingTheirThreadAndRunInOrderAsPermitsReturn() {
        QueueingBulkhead bulkhead = new QueueingBulkhead("math-verifier", 2, Duration.ofSeconds(10));
        // One thread for everything: a blocking wait would deadlock it, since the releases run on it too.
        Scheduler single = Schedulers.newSingle("event-loop-stand-in");
        try {
            List<Sinks.One<Integer>> calls = List.of(Sinks.one(), Sinks.one(), Sinks.one(), Sinks.one());
            List<Integer> order = new CopyOnWriteArrayList<>();
            Flux<Integer> all = Flux.range(0, 4).flatMap(i -> bulkhead.run(calls.get(i).asMono()
                    .doOnSubscribe(s -> order.add(i))).subscribeOn(single));
            StepVerifier.create(all)
                    .then(() -> {
                        awaitQueued(bulkhead, 2);
                        assertThat(bulkhead.inUse()).isEqualTo(2);
                        assertThat(order).containsExactlyInAnyOrder(0, 1);
                        calls.get(1).tryEmitValue(1);
                    })
                    .expectNext(1)
                    .then(() -> calls.get(0).tryEmitValue(0))
                    .expectNext(0)
                    .then(() -> {
                        calls.get(2).tryEmitValue(2);
                        calls.get(3).tryEmitValue(3);
                    })
                    .expectNextCount(2)
                    .verifyComplete();
            assertThat(order).hasSize(4);
            assertThat(bulkhead.inUse()).isZero();
            assertThat(bulkhead.waiting()).isZero();
        } finally {
            single.dispose();
        }
    }

    /** Subscriptions happen on the single thread, after the test thread has moved on. */
    private static void awaitQueued(QueueingBulkhead bulkhead, int waiting) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bulkhead.waiting() < waiting) {
            assertThat(System.nanoTime()).as("calls queued").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aWaiterThatGivesUpLeavesTheQueueAndAWaitBeyondTheBoundIsSaturation() {
        QueueingBulkhead bulkhead = new QueueingBulkhead("code-verifier", 1, Duration.ofMillis(300));
        Sinks.One<Integer> first = Sinks.one();
        Disposable holding = bulkhead.run(first.asMono()).subscribe();
        Disposable impatient = bulkhead.run(Mono.just(2)).subscribe();
        assertThat(bulkhead.waiting()).isEqualTo(1);
        impatient.dispose();
        assertThat(bulkhead.waiting()).isZero();
        StepVerifier.create(bulkhead.run(Mono.just(3)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(QueueingBulkhead.VerifierSaturatedException.class)
                        .hasMessageContaining("code-verifier"))
                .verify(Duration.ofSeconds(5));
        first.tryEmitValue(1);
        holding.dispose();
        StepVerifier.create(bulkhead.run(Mono.just(4))).expectNext(4).verifyComplete();
        assertThat(bulkhead.inUse()).isZero();
    }
}
