package dev.rewards.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import reactor.core.publisher.Flux;
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
    private final int threads;

    public BlockingWork(String name, int threads, int queueCapacity, Duration deadline) {
        this.threads = threads;
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

    /**
     * Applies {@code work} to every item on all worker threads and returns the results in item order. A failure on
     * an item that is an {@link IllegalArgumentException} is reported with the item's index, e.g. {@code items[3].}.
     */
    public <T, R> Mono<List<R>> callEach(List<T> items, Function<T, R> work) {
        int chunk = Math.max(1, (items.size() + threads * 4 - 1) / (threads * 4));
        return Flux.range(0, (items.size() + chunk - 1) / chunk)
                .flatMapSequential(c -> call(() -> {
                    int from = c * chunk;
                    int to = Math.min(items.size(), from + chunk);
                    List<R> results = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        try {
                            results.add(work.apply(items.get(i)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("items[" + i + "]." + e.getMessage(), e);
                        }
                    }
                    return results;
                }), threads)
                .concatMapIterable(list -> list)
                .collectList();
    }

    @Override
    public void close() {
        scheduler.dispose();
    }
}
