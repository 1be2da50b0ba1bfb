package dev.rewards.format.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the format-checker ({@code rewards.format.*}).
 *
 * @param maxBatchItems largest batch accepted; more items get a 413 problem (default 10000)
 * @param workerThreads threads checking batches off the event loop (default: number of cores)
 * @param queueCapacity batches waiting for a worker before the service answers 503 (default 1000)
 * @param deadline      longest a single request may take before it is answered 503 (default 30s)
 */
@ConfigurationProperties("rewards.format")
public record FormatProperties(@DefaultValue("10000") int maxBatchItems, @DefaultValue("0") int workerThreads,
                               @DefaultValue("1000") int queueCapacity, @DefaultValue("30s") Duration deadline) {
    public FormatProperties {
        if (maxBatchItems < 1) {
            throw new IllegalArgumentException("rewards.format.max-batch-items must be ≥ 1");
        }
        workerThreads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
    }
}
