package dev.rewards.math.api;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the math-verifier ({@code rewards.math.*}).
 *
 * @param maxBatchItems largest batch accepted; more items get a 413 problem (default 10000)
 * @param workerThreads threads verifying off the event loop (default 0: number of cores; negative is an error)
 * @param queueCapacity chunks waiting for a worker before the service answers 503 (default 1000)
 * @param deadline      longest one chunk of work may take before the request is answered 503 (default 60s)
 * @param goldCacheSize parsed golds kept (LRU; GRPO sends ≈16 responses per gold) (default 10000)
 */
@Validated
@ConfigurationProperties("rewards.math")
public record MathProperties(@DefaultValue("10000") @Min(1) int maxBatchItems,
                             @DefaultValue("0") @Min(0) @Max(1024) int workerThreads,
                             @DefaultValue("1000") @Min(1) int queueCapacity,
                             @DefaultValue("60s") @DurationMin(millis = 1) Duration deadline,
                             @DefaultValue("10000") @Min(0) int goldCacheSize) {
    public MathProperties {
        // Only 0 means "one per core"; a negative count stays negative so that validation names it.
        workerThreads = workerThreads == 0 ? Runtime.getRuntime().availableProcessors() : workerThreads;
    }
}
