package dev.rewards.math.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the math-verifier ({@code rewards.math.*}).
 *
 * @param maxBatchItems largest batch accepted; more items get a 413 problem (default 10000)
 * @param workerThreads threads verifying off the event loop (default: number of cores)
 * @param queueCapacity chunks waiting for a worker before the service answers 503 (default 1000)
 * @param deadline      longest one chunk of work may take before the request is answered 503 (default 60s)
 * @param goldCacheSize parsed golds kept (LRU; GRPO sends ≈16 responses per gold) (default 10000)
 */
@ConfigurationProperties("rewards.math")
public record MathProperties(@DefaultValue("10000") int maxBatchItems, @DefaultValue("0") int workerThreads,
                             @DefaultValue("1000") int queueCapacity, @DefaultValue("60s") Duration deadline,
                             @DefaultValue("10000") int goldCacheSize) {
    public MathProperties {
        workerThreads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
    }
}
