package dev.rewards.code.docker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.rewards.code.Language;
import dev.rewards.code.SandboxUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm containers of one language: at most {@code poolSize} live, handed out one job at a time, replaced in
 * the background after {@code maxUses} jobs or any anomaly.
 */
final class ContainerPool {

    private static final Logger log = LoggerFactory.getLogger(ContainerPool.class);

    /** One container and the channel to its runner server; {@code memoryMb} is its current memory limit. */
    static final class Box {
        final String id;
        final RunnerChannel runner;
        volatile int memoryMb = ContainerSpec.INITIAL_MEMORY_MB;
        volatile int uses;
        volatile boolean dirty;

        Box(String id, RunnerChannel runner) {
            this.id = id;
            this.runner = runner;
        }

        String shortId() {
            return id.length() > 12 ? id.substring(0, 12) : id;
        }
    }

    private final Language language;
    private final SandboxSettings settings;
    private final Function<Language, Box> create;
    private final Consumer<Box> remove;
    private final ExecutorService maintenance;
    private final AtomicReference<String> lastFailure;
    private final LinkedBlockingQueue<Box> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean failing;
    private volatile boolean closed;

    ContainerPool(Language language, SandboxSettings settings, Function<Language, Box> create,
                  Consumer<Box> remove, ExecutorService maintenance, AtomicReference<String> lastFailure) {
        this.language = language;
        this.settings = settings;
        this.create = create;
        this.remove = remove;
        this.maintenance = maintenance;
        this.lastFailure = lastFailure;
    }

    boolean failing() {
        return failing;
    }

    int warm() {
        return idle.size();
    }

    int live() {
        return live.get();
    }

    void close() {
        closed = true;
        // Their containers are removed by the sandbox; their channels' threads end here.
        idle.forEach(box -> box.runner.close());
    }

    Box acquire() {
        Box ready = idle.poll();
        if (ready != null) {
            return ready;
        }
        if (live.incrementAndGet() <= settings.poolSize()) {
            // Pools fill lazily when they were not warmed at startup (or lost containers).
            try {
                Box box = create.apply(language);
                failing = false;
                return box;
            } catch (RuntimeException e) {
                failing = true;
                live.decrementAndGet();
                lastFailure.set("creating a " + language.wireName() + " sandbox failed: " + e.getMessage());
                throw new SandboxUnavailableException("The code sandbox is unavailable: " + lastFailure.get(), e);
            }
        }
        live.decrementAndGet();
        try {
            Box box = idle.poll(settings.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (box == null) {
                String failure = lastFailure.get();
                throw new SandboxUnavailableException("No " + language.wireName() + " sandbox became free within "
                        + settings.acquireTimeout().toMillis() + " ms"
                        + (failure == null ? "" : " (last failure: " + failure + ")"), null);
            }
            return box;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while waiting for a sandbox", e);
        }
    }

    void release(Box box, boolean healthy) {
        box.uses++;
        if (healthy && !box.dirty && box.uses < settings.maxUses() && !closed) {
            idle.offer(box);
            return;
        }
        live.decrementAndGet();
        maintenance.submit(() -> {
            remove.accept(box);
            replenish();
        });
    }

    /** Gives back a container that is not to stay warm: removed, not replaced. */
    void discard(Box box) {
        live.decrementAndGet();
        maintenance.submit(() -> remove.accept(box));
    }

    /** Creates one container; on failure retries with backoff until it succeeds or the sandbox closes. */
    void replenish() {
        long backoff = 500;
        while (!closed) {
            if (live.incrementAndGet() > settings.poolSize()) {
                live.decrementAndGet();
                return;
            }
            try {
                idle.offer(create.apply(language));
                failing = false;
                return;
            } catch (RuntimeException e) {
                failing = true;
                live.decrementAndGet();
                lastFailure.set("creating a " + language.wireName() + " sandbox failed: " + e.getMessage());
                log.warn(lastFailure.get());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }
}
