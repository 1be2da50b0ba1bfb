package dev.rewards.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission by expected wait, for a queue in front of blocking work: new work would wait about (tasks waiting × the
 * recent time per task ÷ servers); beyond the bound it is refused at once with a {@link ServiceSaturatedException}
 * (429 with Retry-After). Under sustained overload a long queue only turns every request into a wait of its whole
 * deadline and then a timeout, while the caller could have backed off and retried. The time per task is an
 * exponentially weighted mean (the newest task weighs 0.2) of task times capped at the bound: one task that ran for
 * minutes (a job that outlived its request's deadline) would otherwise make the estimate exceed the bound as soon as
 * anything waits, and refuse small batches until many short tasks had pulled the mean back down.
 */
public final class WaitAdmission {

    private final String subject;
    private final int servers;
    private final long boundNanos;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile double taskNanos;

    /**
     * @param subject names what is saturated in the refusal, e.g. "The service is"
     * @param servers tasks that run at once
     * @param bound   longest expected wait admitted
     */
    public WaitAdmission(String subject, int servers, Duration bound) {
        this.subject = subject;
        this.servers = servers;
        this.boundNanos = bound.toNanos();
    }

    /** Admits one task, counted as waiting until its ticket starts or leaves; throws the 429 when it would wait too long. */
    public Ticket enter() {
        long expectedWait = (long) (waiting.get() * taskNanos / servers);
        if (expectedWait > boundNanos) {
            throw new ServiceSaturatedException(subject + " saturated: new work would wait about "
                    + expectedWait / 1_000_000 + " ms (bound " + boundNanos / 1_000_000 + " ms); retry shortly.",
                    (int) Math.max(1, Math.min(60, (expectedWait - boundNanos) / 1_000_000_000L)), null);
        }
        waiting.incrementAndGet();
        return new Ticket();
    }

    /**
     * Admits one task whatever the expected wait, counted as waiting like the others: for callers that bound their
     * wait themselves (a start deadline of their own) and would rather queue than be refused.
     */
    public Ticket enterUnbounded() {
        waiting.incrementAndGet();
        return new Ticket();
    }

    /** Tasks admitted and not yet started. */
    public int waiting() {
        return waiting.get();
    }

    /** One admitted task. */
    public final class Ticket {
        private final AtomicBoolean left = new AtomicBoolean();

        private Ticket() {
        }

        /** The task no longer waits: it starts, was cancelled or was turned away. Only the first call counts. */
        public void leave() {
            if (left.compareAndSet(false, true)) {
                waiting.decrementAndGet();
            }
        }

        /** The task starts now: it leaves the queue; pass the returned time to {@link #finished}. */
        public long start() {
            leave();
            return System.nanoTime();
        }

        /** The task started at {@code startNanos} has ended: its time, at most the bound, updates the mean. */
        public void finished(long startNanos) {
            long took = Math.min(System.nanoTime() - startNanos, boundNanos);
            double previous = taskNanos;
            taskNanos = previous == 0 ? took : previous * 0.8 + took * 0.2;
        }
    }
}
