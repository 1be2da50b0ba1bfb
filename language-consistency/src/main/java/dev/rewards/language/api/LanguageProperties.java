package dev.rewards.language.api;

import java.time.Duration;
import java.util.List;

import dev.rewards.language.LinguaClassifier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the language-consistency service ({@code rewards.language.*}).
 *
 * @param languages     ISO 639-1 codes the detector knows, loaded at startup (default en, zh, ja, ko, ru, de, fr,
 *                      es, pt, it, ar, vi; each adds ≈20 MB of heap)
 * @param maxBatchItems largest batch accepted; more items get a 413 problem (default 10000)
 * @param workerThreads threads scoring off the event loop (default 0: number of cores; negative is an error)
 * @param queueCapacity chunks of work waiting for a worker before the service answers 503 (default 1000)
 * @param deadline      longest one chunk of work may take before the request is answered 503 (default 30s)
 */
@Validated
@ConfigurationProperties("rewards.language")
public record LanguageProperties(
        @DefaultValue({"en", "zh", "ja", "ko", "ru", "de", "fr", "es", "pt", "it", "ar", "vi"}) @NotEmpty
        List<String> languages,
        @DefaultValue("10000") @Min(1) int maxBatchItems, @DefaultValue("0") @Min(0) @Max(1024) int workerThreads,
        @DefaultValue("1000") @Min(1) int queueCapacity,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration deadline) {
    public LanguageProperties {
        for (String language : languages) {
            if (!LinguaClassifier.supports(language)) {
                throw new IllegalArgumentException("rewards.language.languages: unknown ISO 639-1 code '" + language + "'");
            }
        }
        // Only 0 means "one per core"; a negative count stays negative so that validation names it.
        workerThreads = workerThreads == 0 ? Runtime.getRuntime().availableProcessors() : workerThreads;
    }

    /** The {@code languages} default above, for in-process users (standalone grading) that have no binder. */
    public static List<String> defaultLanguages() {
        try {
            return List.of(LanguageProperties.class.getDeclaredConstructors()[0].getParameters()[0]
                    .getAnnotation(DefaultValue.class).value());
        } catch (RuntimeException e) {
            throw new IllegalStateException("LanguageProperties.languages lost its @DefaultValue", e);
        }
    }
}
