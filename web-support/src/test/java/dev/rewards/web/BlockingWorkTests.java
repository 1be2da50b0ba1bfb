package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Admission by expected wait: refused at once (429) rather than queued into the deadline (503). */
class BlockingWorkTests {

    private static int sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return 1;
    }

    @Test
    void workThatWouldWaitLongerThanHalfTheDeadlineIsRefusedAtOnce() throws InterruptedException {
        try (BlockingWork work = new BlockingWork("test", 1, 1000, Duration.ofSeconds(2))) {
            for (int i = 0; i < 3; i++) {
                StepVerifier.create(work.call(() -> sleep(300))).expectNext(1).verifyComplete();
            }
            List<Object> outcomes = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(10);
            for (int i = 0; i < 10; i++) {
                work.call(() -> sleep(300)).map(Object.class::cast)
                        .onErrorResume(e -> Mono.just(e))
                        .doFinally(signal -> done.countDown())
                        .subscribe(outcomes::add);
            }
            // One runs, three wait ≈0.9 s ≤ 1 s; the fifth would wait ≈1.2 s: refused before anything finishes.
            long refusedAtOnce = outcomes.stream().filter(ServiceSaturatedException.class::isInstance).count();
            assertThat(refusedAtOnce).isBetween(4L, 7L);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(outcomes.stream().filter(o -> o.equals(1)).count()).isEqualTo(10 - refusedAtOnce);
            assertThat(outcomes).noneMatch(o -> o instanceof ServiceUnavailableException
                    && !(o instanceof ServiceSaturatedException));
            assertThat(work.waiting()).isZero();
        }
    }

    @Test
    void cancelledWorkLeavesTheQueueCount() {
        try (BlockingWork work = new BlockingWork("test", 1, 1000, Duration.ofSeconds(20))) {
            var blocker = work.call(() -> sleep(500)).subscribe();
            var queued = work.call(() -> sleep(10)).subscribe();
            assertThat(work.waiting()).isBetween(1, 2);
            queued.dispose();
            blocker.dispose();
            StepVerifier.create(work.call(() -> 5)).expectNext(5).verifyComplete();
            assertThat(work.waiting()).isZero();
        }
    }
}
