package dev.rewards.format.api;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the format-checker ({@code rewards.format.*}).
 *
 * @param maxBatchItems largest batch accepted; more items get a 413 problem (default 10000)
 * @param workerThreads threads checking batches off the event loop (default 0: number of cores; negative is an error)
 * @param queueCapacity batches waiting for a worker before the service answers 503 (default 1000)
 * @param deadline      longest a single request may take before it is answered 503 (default 30s)
 */
@Validated
@ConfigurationProperties("rewards.format")
public record FormatProperties(@DefaultValue("10000") @Min(1) int maxBatchItems,
                               @DefaultValue("0") @Min(0) @Max(1024) int workerThreads,
                               @DefaultValue("1000") @Min(1) int queueCapacity,
                               @DefaultValue("30s") @DurationMin(millis = 1) Duration deadline) {
    public FormatProperties {
        // Only 0 means "one per core"; a negative count stays negative so that validation names it.
        workerThreads = workerThreads == 0 ? Runtime.getRuntime().availableProcessors() : workerThreads;
    }
}
