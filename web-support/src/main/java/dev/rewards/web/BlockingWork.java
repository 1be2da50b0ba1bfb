package dev.rewards.web;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking verifier work (Symja, docker-java, CPU-heavy scoring) off the event loop, on a bounded pool with a
 * bounded queue, under a deadline. A deadline miss or a full queue is the service's failure, not the caller's: both
 * surface as {@link ServiceUnavailableException}.
 */
public final class BlockingWork implements AutoCloseable {

    private final Scheduler scheduler;
    private final Duration deadline;

    public BlockingWork(String name, int threads, int queueCapacity, Duration deadline) {
        this.scheduler = Schedulers.newBoundedElastic(threads, queueCapacity, name, 60, true);
        this.deadline = deadline;
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(scheduler)
                .timeout(deadline)
                .onErrorMap(TimeoutException.class, e -> new ServiceUnavailableException(
                        "The verification did not finish within " + deadline.toMillis() + " ms.", 1, e))
                .onErrorMap(java.util.concurrent.RejectedExecutionException.class, e -> new ServiceUnavailableException(
                        "The service is saturated; retry shortly.", 1, e));
    }

    @Override
    public void close() {
        scheduler.dispose();
    }
}
