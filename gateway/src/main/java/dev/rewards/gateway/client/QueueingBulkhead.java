package dev.rewards.gateway.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * At most {@code limit} calls at once; the others wait in FIFO order, up to {@code maxWait}, without holding a
 * thread. Resilience4j's semaphore bulkhead waits by parking the subscribing thread (resilience4j issue #1592), which
 * in WebFlux is a Netty event loop: under load the gateway's own I/O threads slept in the bulkhead for up to its
 * wait time and every request on them stalled, which is how the gateway collapsed just above saturation.
 */
final class QueueingBulkhead {

    /** A waiting call; {@code settled} makes granting and giving up mutually exclusive. */
    private record Waiter(MonoSink<Boolean> sink, AtomicBoolean settled) {
    }

    private final String name;
    private final int limit;
    private final Duration maxWait;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int inUse;

    QueueingBulkhead(String name, int limit, Duration maxWait) {
        this.name = name;
        this.limit = limit;
        this.maxWait = maxWait;
    }

    /** Runs {@code call} once a permit is free; the permit goes back however the call ends, cancellation included. */
    <T> Mono<T> run(Mono<T> call) {
        return Mono.usingWhen(acquire(), permit -> call, permit -> release(), (permit, error) -> release(),
                permit -> release());
    }

    synchronized int inUse() {
        return inUse;
    }

    synchronized int waiting() {
        return waiters.size();
    }

    private Mono<Boolean> acquire() {
        return Mono.<Boolean>create(sink -> {
            Waiter waiter = new Waiter(sink, new AtomicBoolean());
            boolean granted;
            synchronized (this) {
                granted = inUse < limit;
                if (granted) {
                    inUse++;
                } else {
                    waiters.add(waiter);
                }
            }
            if (granted) {
                waiter.settled().set(true);
                sink.success(Boolean.TRUE);
                return;
            }
            sink.onCancel(() -> {
                if (waiter.settled().compareAndSet(false, true)) {
                    synchronized (this) {
                        waiters.remove(waiter);
                    }
                }
            });
        }).timeout(maxWait).onErrorMap(TimeoutException.class, e -> new VerifierSaturatedException(
                name + ": " + limit + " calls in progress and none finished within " + maxWait.toSeconds() + " s"));
    }

    private Mono<Void> release() {
        return Mono.fromRunnable(() -> {
            while (true) {
                Waiter next;
                synchronized (this) {
                    next = waiters.poll();
                    if (next == null) {
                        inUse--;
                        return;
                    }
                }
                // The permit passes straight to the next waiter unless it has just given up; then try the one after.
                if (next.settled().compareAndSet(false, true)) {
                    next.sink().success(Boolean.TRUE);
                    return;
                }
            }
        });
    }

    /** No permit within the wait: the verifier is saturated from the gateway's side. */
    static final class VerifierSaturatedException extends RuntimeException {
        VerifierSaturatedException(String message) {
            super(message);
        }
    }
}
