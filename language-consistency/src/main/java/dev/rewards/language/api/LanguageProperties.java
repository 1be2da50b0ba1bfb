package dev.rewards.language.api;

import java.time.Duration;
import java.util.List;

import dev.rewards.language.LinguaClassifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the language-consistency service ({@code rewards.language.*}).
 *
 * @param languages     ISO 639-1 codes the detector knows, loaded at startup (default en, zh, ja, ko, ru, de, fr,
 *                      es, pt, it, ar, vi; each adds ≈20 MB of heap)
 * @param maxBatchItems largest batch accepted; more items get a 413 problem (default 10000)
 * @param workerThreads threads scoring off the event loop (default: number of cores)
 * @param queueCapacity chunks of work waiting for a worker before the service answers 503 (default 1000)
 * @param deadline      longest one chunk of work may take before the request is answered 503 (default 30s)
 */
@ConfigurationProperties("rewards.language")
public record LanguageProperties(
        @DefaultValue({"en", "zh", "ja", "ko", "ru", "de", "fr", "es", "pt", "it", "ar", "vi"}) List<String> languages,
        @DefaultValue("10000") int maxBatchItems, @DefaultValue("0") int workerThreads,
        @DefaultValue("1000") int queueCapacity, @DefaultValue("30s") Duration deadline) {
    public LanguageProperties {
        for (String language : languages) {
            if (!LinguaClassifier.supports(language)) {
                throw new IllegalArgumentException("rewards.language.languages: unknown ISO 639-1 code '" + language + "'");
            }
        }
        workerThreads = workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
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
